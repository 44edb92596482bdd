using System.Globalization;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.App.Api;

/// <summary>Reads what routes share: the subject id in the path, the <c>asOf</c> day and a <c>limit</c>, with 400 problems when wrong.</summary>
public static class RequestReading
{
    public static bool TrySubject(string? id, TimeProvider clock, out SubjectId subject, out Problem? problem)
    {
        if (SubjectId.TryParse(id, ChinaStandardTime.Today(clock), out subject, out var error))
        {
            problem = null;
            return true;
        }

        problem = Problem.InvalidSubjectId(error.Zh, error.En);
        return false;
    }

    /// <summary>The <c>asOf</c> query parameter (a day in China Standard Time), today when absent.</summary>
    public static bool TryAsOf(HttpRequest request, TimeProvider clock, out DateOnly asOf, out Problem? problem)
    {
        problem = null;
        var text = request.Query["asOf"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            asOf = ChinaStandardTime.Today(clock);
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out asOf))
        {
            return true;
        }

        problem = Problem.InvalidDate("asOf", text);
        return false;
    }

    /// <summary>The <c>limit</c> query parameter: a whole number from 1 to <paramref name="max"/>, <paramref name="fallback"/> when absent.</summary>
    public static bool TryLimit(string text, int fallback, int max, out int limit, out Problem? problem)
    {
        problem = null;
        limit = fallback;
        if (text.Length == 0
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 && limit <= max))
        {
            return true;
        }

        problem = ApiProblems.InvalidLimit(text, max);
        return false;
    }
}
