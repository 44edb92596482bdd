using System.ComponentModel;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/units/{unit}/quality: how timely a unit's records arrive and why its submissions were refused (art7).</summary>
[Description("How timely a unit's records arrive and why its submissions were refused (art7).")]
public sealed record UnitQualityResponse(
    [property: Description("The unit code.")] string Unit,
    [property: Description("Working days from decision to arrival, in total and by month of arrival.")] TimelinessView Timeliness,
    [property: Description("Refused submissions by reason code.")] RejectionsView Rejections);

/// <summary>
/// Records by working days from decision to arrival; <c>onTimeShare</c> is the share within 7 working days (national
/// practice for administrative penalties). <c>total</c> sums the months.
/// </summary>
[Description("Records by working days from decision to arrival.")]
public sealed record TimelinessView(
    [property: Description("Every month summed (month absent).")] TimelinessMonthView Total,
    [property: Description("One entry per month of arrival.")] IReadOnlyList<TimelinessMonthView> Months);

[Description("Records of one month (or all months) by working days from decision to arrival.")]
public sealed record TimelinessMonthView(
    [property: Description("YYYY-MM; absent in the total.")] string? Month,
    [property: Description("Records that arrived.")] long Records,
    [property: Description("Within 7 working days.")] long Lag0To7,
    [property: Description("8 to 15 working days.")] long Lag8To15,
    [property: Description("16 to 30 working days.")] long Lag16To30,
    [property: Description("More than 30 working days.")] long LagOver30,
    [property: Description("The share within 7 working days (national practice for administrative penalties); absent with no records.")] double? OnTimeShare,
    [property: Description("The average in working days; absent with no records.")] double? AverageWorkingDays,
    [property: Description("The longest, in working days.")] long MaxWorkingDays);

[Description("Refused submissions by reason code and by month.")]
public sealed record RejectionsView(
    [property: Description("All refusals.")] long Total,
    [property: Description("One entry per reason code, in code order.")] IReadOnlyList<RejectionCodeView> ByCode,
    [property: Description("One entry per month in which something was refused (China Standard Time), newest first; refusals counted before months were kept are in total and byCode only.")] IReadOnlyList<RejectionMonthView> ByMonth);

[Description("How many submissions were refused in one month.")]
public sealed record RejectionMonthView(
    [property: Description("YYYY-MM, China Standard Time.")] string Month,
    [property: Description("How many refusals, every reason code together.")] long Count);

[Description("How often one reason code refused a submission.")]
public sealed record RejectionCodeView(
    [property: Description("The rejection reason code (the AsyncAPI document's RejectionCode).")] string Code,
    [property: Description("How many times.")] long Count);
