using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>
/// Every route × every kind of caller (contract: "Who is calling"): 401 with no identity, 403 for a role that may not
/// or for someone else's subject or unit, 200 otherwise. The expectations come from one table of route → allowed callers.
/// </summary>
public sealed class AccessMatrixTests(ApiWorld world) : IClassFixture<ApiWorld>
{
    public enum As
    {
        Nobody,
        Partner,
        OwnSubject,
        OtherSubject,
        OwnUnit,
        OtherUnit,
        Center,
        Admin,
    }

    /// <summary>Who may call each route (docs/http-api.md "Routes"). "Own" unit = the unit that submitted the record.</summary>
    private static readonly Dictionary<string, As[]> Allowed = new()
    {
        ["GET /api/subjects/{id}/credit"] = [As.Partner, As.OwnSubject, As.OwnUnit, As.OtherUnit, As.Admin],
        ["GET /api/subjects/{id}/restrictions"] = [As.Partner, As.OwnSubject, As.Admin],
        ["POST /api/screenings"] = [As.Partner, As.Admin],
        ["GET /api/records/{recordId}"] = [As.OwnSubject, As.OwnUnit, As.Admin],
        ["GET /api/units/{unit}/quality"] = [As.OwnUnit, As.Admin],
        ["GET /api/subjects/{id}/access-log"] = [As.OwnSubject, As.Admin],
        ["GET /api/subjects/{id}/feedback"] = [As.OwnSubject, As.Admin],
        ["GET /api/feedback/summary"] = [As.Admin],
        ["POST /api/subjects/{id}/reports"] = [As.OwnSubject, As.Admin],
        ["GET /api/units/{unit}/rejections"] = [As.OwnUnit, As.Admin],
    };

    /// <summary>Routes that answer success with another status than 200 (a report is created: 201).</summary>
    private static readonly Dictionary<string, int> Success = new() { ["POST /api/subjects/{id}/reports"] = 201 };

    /// <summary>Refusals with a code of the route's own: a subject asking for another subject's report.</summary>
    private static readonly Dictionary<(string, As), string> RefusalCodes = new() { [("POST /api/subjects/{id}/reports", As.OtherSubject)] = "not-own-subject" };

    public static TheoryData<string, As, int> Matrix()
    {
        var data = new TheoryData<string, As, int>();
        foreach (var (route, allowed) in Allowed)
        {
            foreach (var caller in Enum.GetValues<As>())
            {
                data.Add(route, caller, caller == As.Nobody ? 401 : allowed.Contains(caller) ? Success.GetValueOrDefault(route, 200) : 403);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_route_answers_each_caller_as_the_contract_says(string route, As caller, int expected)
    {
        var app = world.App;
        var principal = Principal(caller);
        var answer = route switch
        {
            "GET /api/subjects/{id}/credit" => await ApiCalls.Credit(app, world.Subject, principal),
            "GET /api/subjects/{id}/restrictions" => await ApiCalls.Restrictions(app, world.Subject, principal),
            "POST /api/screenings" => await ApiCalls.Screening(app, principal, "notification-commitment", [world.Subject]),
            "GET /api/records/{recordId}" => await ApiCalls.Record(app, world.RecordId, principal),
            "GET /api/units/{unit}/quality" => await ApiCalls.Quality(app, ApiWorld.SubmittingUnit, principal),
            "GET /api/subjects/{id}/access-log" => await ApiCalls.AccessLog(app, world.Subject, principal),
            "GET /api/subjects/{id}/feedback" => await ApiCalls.SubjectFeedback(app, world.Subject, principal),
            "GET /api/feedback/summary" => await ApiCalls.FeedbackSummary(app, principal),
            "POST /api/subjects/{id}/reports" => await ApiCalls.IssueReport(app, world.Subject, principal),
            "GET /api/units/{unit}/rejections" => await ApiCalls.Rejections(app, ApiWorld.SubmittingUnit, principal),
            _ => throw new ArgumentOutOfRangeException(nameof(route)),
        };

        Assert.True(expected == answer.Status, $"{route} as {caller}: expected {expected}, got {answer.Status} {answer.Body}");
        if (expected is not (200 or 201))
        {
            Assert.StartsWith("application/problem+json", answer.ContentType);
            Assert.Equal(expected == 401 ? "unauthenticated" : RefusalCodes.GetValueOrDefault((route, caller), "forbidden"), answer.Json.GetProperty("code").GetString());
        }
    }

    [Fact]
    public void The_matrix_covers_every_secured_route_of_the_partner_api()
    {
        // Objections and repairs are another part's routes, with their own access tests. Watches and filing feedback act on
        // the caller's own watch or look-up, so who may is tested where they are (Watches/, Feedback/).
        var secured = ApiRoutes.All
            .Where(o => !o.Anonymous && !o.Path.StartsWith("objections", StringComparison.Ordinal) && !o.Path.StartsWith("repairs", StringComparison.Ordinal))
            .Where(o => !o.Path.StartsWith("watches", StringComparison.Ordinal) && o != ApiRoutes.FileFeedback)
            .Select(o => o.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(secured, Allowed.Keys.Order(StringComparer.Ordinal));
    }

    private string? Principal(As caller) => caller switch
    {
        As.Nobody => null,
        As.Partner => Principals.Partner,
        As.OwnSubject => Principals.Subject(world.Subject),
        As.OtherSubject => Principals.Subject(world.OtherSubject),
        As.OwnUnit => Principals.Unit(ApiWorld.SubmittingUnit),
        As.OtherUnit => Principals.Unit(ApiWorld.OtherUnit),
        As.Center => ClientPrincipalReader.Encode(Roles.Center, unit: "SH-CREDIT-CENTER"),
        As.Admin => Principals.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };
}
