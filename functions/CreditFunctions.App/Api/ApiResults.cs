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

public sealed record ProblemText(string Title, string Detail);

public sealed record ProblemDocument(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Instance,
    string Code,
    ProblemText Zh,
    ProblemText En,
    DateOnly? EarliestDate,
    IReadOnlyList<ProblemCondition>? Conditions);
