using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreditFunctions.App.Api;

/// <summary>Responses serialised with the source-generated context (camelCase, dates as YYYY-MM-DD).</summary>
public static class ApiResults
{
    public static IActionResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) => new ContentResult
    {
        Content = JsonSerializer.Serialize(value, type),
        ContentType = "application/json; charset=utf-8",
        StatusCode = status,
    };

    public static IActionResult Problem(Problem problem, HttpRequest request)
    {
        var body = new ProblemDocument(
            $"urn:creditfunctions:problem:{problem.Code}",
            $"{problem.TitleZh} / {problem.TitleEn}",
            problem.Status,
            $"{problem.DetailZh} / {problem.DetailEn}",
            request.Path.Value,
            problem.Code,
            new ProblemText(problem.TitleZh, problem.DetailZh),
            new ProblemText(problem.TitleEn, problem.DetailEn),
            problem.EarliestDate,
            problem.Conditions);
        return new ContentResult
        {
            Content = JsonSerializer.Serialize(body, AppJson.Web.ProblemDocument),
            ContentType = "application/problem+json; charset=utf-8",
            StatusCode = problem.Status,
        };
    }
}

[Description("A problem's title and detail in one language.")]
public sealed record ProblemText(
    [property: Description("The title.")] string Title,
    [property: Description("This occurrence.")] string Detail);

[Description("An RFC 9457 problem with a stable code: title and detail read \"中文 / English\", zh and en carry each language alone.")]
public sealed record ProblemDocument(
    [property: Description("urn:creditfunctions:problem:{code}.")] string Type,
    [property: Description("The title, \"中文 / English\".")] string Title,
    [property: Description("The HTTP status.")] int Status,
    [property: Description("This occurrence, \"中文 / English\".")] string Detail,
    [property: Description("The request path.")] string? Instance,
    [property: Description("The stable problem code: what a client tests.")] string Code,
    [property: Description("Title and detail in Chinese.")] ProblemText Zh,
    [property: Description("Title and detail in English.")] ProblemText En,
    [property: Description("repair-not-eligible: the earliest day the application could succeed; absent when none can be given.")] DateOnly? EarliestDate,
    [property: Description("Every problem found when there are several (objections, repair decisions), and every unmet condition of repair-not-eligible.")] IReadOnlyList<ProblemCondition>? Conditions);
