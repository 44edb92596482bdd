namespace CreditFunctions.App.Api.Routes;

/// <summary>The groups of routes, as the OpenAPI document and the docs page's sidebar show them, in this order.</summary>
public static class ApiTags
{
    public const string Service = "service";
    public const string Credit = "credit";
    public const string Screenings = "screenings";
    public const string Records = "records";
    public const string Objections = "objections";
    public const string Repairs = "repairs";
    public const string Units = "units";
    public const string Feedback = "feedback";
    public const string Watches = "watches";

    public static IReadOnlyList<(string Name, string Description)> All { get; } =
    [
        (Service, "The service itself, public: health, the catalogue (the three lists, art7) and the documents (this reference, " +
            "the OpenAPI and AsyncAPI documents)."),
        (Credit, "One subject: its credit status, records and measures (art8), whether it may do a business (art8.2.3, art9), " +
            "and who looked at it (art12). Every credit and restriction look-up is logged."),
        (Screenings, "Up to 100 subjects against one business type in one call, for partners screening applicants in bulk."),
        (Records, "One record with its history and whether the history's hash chain verifies (art12)."),
        (Objections, "Objections to a record (art10): the subject or the Public Credit Information Service Center files, the " +
            "submitting unit decides within 5 working days (corrected, revoked or upheld)."),
        (Repairs, "Credit repair (art11): the subject applies, an application failing a condition is refused at once with " +
            "every unmet condition; the submitting unit approves or rejects an eligible one."),
        (Units, "Submitting units' own figures: how timely their records arrive and why submissions were refused (art7)."),
        (Feedback, "Enforcement feedback (联合奖惩应用反馈, art8, art9): the departments that asked report what they did with the " +
            "measures a look-up named, and the Bureau sees how the measures work."),
        (Watches, "Partners follow up to 1,000 subjects each: a change feed with cursors, and signed callbacks retried until " +
            "acknowledged."),
    ];
}
