using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Repairs;
using CreditFunctions.App.Feedback;
using CreditFunctions.App.Watches;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>A call of every HTTP route through its real function class, with a principal header of the test's choosing.</summary>
public static class EveryRoute
{
    private const string Unit = "91310110666007217T";
    private const string Body = """{"business":"hrss-business","subjects":["91310110666007217T"],"subjectId":"91310110666007217T","recordId":"x","reason":"r","outcome":"upheld","lookupId":"x","measure":"art8.2.1","handling":"applied","add":["91310110666007217T"]}""";
    private const string Watch = "wat_aaaaaaaaaaaaaaaaaaaa";

    /// <summary>Function name → a call of it with the given principal (null: no header).</summary>
    public static IReadOnlyDictionary<string, Func<CreditApp, string?, Task<HttpAnswer>>> Calls { get; } =
        new Dictionary<string, Func<CreditApp, string?, Task<HttpAnswer>>>(StringComparer.Ordinal)
        {
            [nameof(ApiRoutes.SubjectCredit)] = async (app, p) => HttpAnswer.Of(await app.Function<CreditFunction>().Run(app.Request($"/api/subjects/{Unit}/credit", null, p), Unit, default)),
            [nameof(ApiRoutes.SubjectRestrictions)] = async (app, p) => HttpAnswer.Of(await app.Function<RestrictionFunction>().Run(
                app.Request($"/api/subjects/{Unit}/restrictions", "business=hrss-business", p), Unit, default)),
            [nameof(ApiRoutes.SubjectAccessLog)] = async (app, p) => HttpAnswer.Of(await app.Function<AccessLogFunction>().Run(app.Request($"/api/subjects/{Unit}/access-log", null, p), Unit, default)),
            [nameof(ApiRoutes.Screening)] = async (app, p) => HttpAnswer.Of(await app.Function<ScreeningFunction>().Run(app.Request("/api/screenings", null, p, "POST", Body), default)),
            [nameof(ApiRoutes.Record)] = async (app, p) => HttpAnswer.Of(await app.Function<RecordFunction>().Run(
                app.Request("/api/records/SH-HRSS.aaaaaaaaaaaaaaaaaaaaaaaaaa", null, p), "SH-HRSS.aaaaaaaaaaaaaaaaaaaaaaaaaa", default)),
            [nameof(ApiRoutes.UnitQuality)] = async (app, p) => HttpAnswer.Of(await app.Function<UnitQualityFunction>().Run(app.Request("/api/units/SH-HRSS/quality", null, p), "SH-HRSS", default)),
            [nameof(ApiRoutes.UnitRejections)] = async (app, p) => HttpAnswer.Of(await app.Function<UnitRejectionsFunction>().Run(app.Request("/api/units/SH-HRSS/rejections", null, p), "SH-HRSS", default)),
            [nameof(ApiRoutes.FileObjection)] = async (app, p) => HttpAnswer.Of(await app.Function<FileObjectionFunction>().Run(app.Request("/api/objections", null, p, "POST", Body), default)),
            [nameof(ApiRoutes.GetObjection)] = async (app, p) => HttpAnswer.Of(await app.Function<GetObjectionFunction>().Run(
                app.Request("/api/objections/obj_aaaaaaaaaaaaaaaaaaaa", null, p), "obj_aaaaaaaaaaaaaaaaaaaa", default)),
            [nameof(ApiRoutes.ListObjections)] = async (app, p) => HttpAnswer.Of(await app.Function<ListObjectionsFunction>().Run(app.Request("/api/objections", null, p), default)),
            [nameof(ApiRoutes.DecideObjection)] = async (app, p) => HttpAnswer.Of(await app.Function<DecideObjectionFunction>().Run(
                app.Request("/api/objections/obj_aaaaaaaaaaaaaaaaaaaa/decision", null, p, "POST", Body), "obj_aaaaaaaaaaaaaaaaaaaa", default)),
            [nameof(ApiRoutes.FileRepair)] = async (app, p) => HttpAnswer.Of(await app.Function<FileRepairFunction>().Run(app.Request("/api/repairs", null, p, "POST", Body), default)),
            [nameof(ApiRoutes.ListRepairs)] = async (app, p) => HttpAnswer.Of(await app.Function<ListRepairsFunction>().Run(app.Request("/api/repairs", null, p), default)),
            [nameof(ApiRoutes.GetRepair)] = async (app, p) => HttpAnswer.Of(await app.Function<GetRepairFunction>().Run(
                app.Request("/api/repairs/rep_aaaaaaaaaaaaaaaaaaaa", null, p), "rep_aaaaaaaaaaaaaaaaaaaa", default)),
            [nameof(ApiRoutes.IssueReport)] = async (app, p) => HttpAnswer.Of(await app.Function<App.Reports.IssueReportFunction>().Run(
                app.Request($"/api/subjects/{Unit}/reports", null, p, "POST"), Unit, default)),
            [nameof(ApiRoutes.DecideRepair)] = async (app, p) => HttpAnswer.Of(await app.Function<DecideRepairFunction>().Run(
                app.Request("/api/repairs/rep_aaaaaaaaaaaaaaaaaaaa/decision", null, p, "POST", Body), "rep_aaaaaaaaaaaaaaaaaaaa", default)),
            [nameof(ApiRoutes.FileFeedback)] = async (app, p) => HttpAnswer.Of(await app.Function<FileFeedbackFunction>().Run(app.Request("/api/feedback", null, p, "POST", Body), default)),
            [nameof(ApiRoutes.SubjectFeedback)] = async (app, p) => HttpAnswer.Of(await app.Function<SubjectFeedbackFunction>().Run(app.Request($"/api/subjects/{Unit}/feedback", null, p), Unit, default)),
            [nameof(ApiRoutes.FeedbackSummary)] = async (app, p) => HttpAnswer.Of(await app.Function<FeedbackSummaryFunction>().Run(app.Request("/api/feedback/summary", null, p), default)),
            [nameof(ApiRoutes.CreateWatch)] = async (app, p) => HttpAnswer.Of(await app.Function<CreateWatchFunction>().Run(app.Request("/api/watches", null, p, "POST", Body), default)),
            [nameof(ApiRoutes.GetWatch)] = async (app, p) => HttpAnswer.Of(await app.Function<GetWatchFunction>().Run(app.Request($"/api/watches/{Watch}", null, p), Watch, default)),
            [nameof(ApiRoutes.DeleteWatch)] = async (app, p) => HttpAnswer.Of(await app.Function<DeleteWatchFunction>().Run(app.Request($"/api/watches/{Watch}", null, p, "DELETE"), Watch, default)),
            [nameof(ApiRoutes.ChangeWatchSubjects)] = async (app, p) => HttpAnswer.Of(await app.Function<ChangeWatchSubjectsFunction>().Run(
                app.Request($"/api/watches/{Watch}/subjects", null, p, "POST", Body), Watch, default)),
            [nameof(ApiRoutes.WatchChanges)] = async (app, p) => HttpAnswer.Of(await app.Function<WatchChangesFunction>().Run(app.Request($"/api/watches/{Watch}/changes", null, p), Watch, default)),
        };

    /// <summary>Every route that needs an identity (the table's non-anonymous ones).</summary>
    public static IEnumerable<ApiRoute> Protected => ApiRoutes.All.Where(r => !r.Anonymous);
}
