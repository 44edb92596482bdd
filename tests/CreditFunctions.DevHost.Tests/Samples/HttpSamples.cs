using CreditFunctions.DevHost.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.DevHost.Tests.Samples;

/// <summary>HTTP-triggered samples (ASP.NET Core integration shapes).</summary>
public sealed class HttpSamples(Probe probe)
{
    [Function("GetCredit")]
    public IActionResult GetCredit(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subjects/{id}/credit")] HttpRequest req, string id) =>
        new OkObjectResult(new { id, query = req.Query["q"].ToString() });

    [Function("NextCounter")]
    public IResult NextCounter([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "counters/{n:int}")] HttpRequest req, int n) =>
        Results.Text((n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Function("DayOfWeek")]
    public async Task<IActionResult> DayOfWeek(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "days/{day}/{ticket:guid}")] HttpRequest req, DateOnly day, Guid ticket,
        CancellationToken cancellation)
    {
        await Task.Delay(1, cancellation);
        return new ContentResult { Content = $"{day.DayOfWeek} {ticket:N}", StatusCode = 200 };
    }

    [Function("Echo")]
    public async ValueTask<IActionResult> Echo([HttpTrigger(AuthorizationLevel.Anonymous, "post", "put", Route = "echo")] HttpRequest req)
    {
        string body = await new StreamReader(req.Body).ReadToEndAsync();
        return new ContentResult { Content = $"{req.Method}:{body}", StatusCode = 201 };
    }

    [Function("NoRoute")]
    public IActionResult NoRoute([HttpTrigger(AuthorizationLevel.Admin, "get")] HttpRequest req) => new OkResult();

    [Function("NoResult")]
    public Task NoResult([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "void")] HttpRequest req)
    {
        probe.Record("NoResult", req.Path.Value);
        return Task.CompletedTask;
    }

    [Function("Throws")]
    public IActionResult Throws([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "throws")] HttpRequest req) =>
        throw new InvalidOperationException("boom");
}
