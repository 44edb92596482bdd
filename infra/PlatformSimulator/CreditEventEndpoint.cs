using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.PlatformSimulator;

/// <summary><c>POST /credit-events</c>: chaos first (as a flaky network would), then the platform's rules.</summary>
internal static class CreditEventEndpoint
{
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(2);

    private const string FeedbackType = "measure-feedback";

    public static async Task<IResult> PostAsync(HttpContext context, PlatformLedger ledger, Chaos chaos, TimeProvider clock)
    {
        ledger.CountReceived();
        var settings = chaos.Settings;
        if (settings.DelayMs > 0)
        {
            await Task.Delay(settings.DelayMs, context.RequestAborted);
        }

        var dice = Random.Shared.NextDouble();
        if (dice < settings.FailureRate)
        {
            ledger.CountInjectedFailure();
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }

        ReceivedEvent? received;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            received = Read(body.RootElement, clock.GetUtcNow(), context.Request.Headers.Authorization.ToString());
        }
        catch (JsonException)
        {
            received = null;
        }

        if (received is null)
        {
            ledger.CountInvalid();
            return Results.BadRequest();
        }

        var (outcome, held) = ledger.Post(received);
        if (dice < settings.FailureRate + settings.TimeoutRate)
        {
            // Taken, but the answer never comes: the sender times out and must treat its retry's 409 as done.
            ledger.CountInjectedTimeout();
            try
            {
                await Task.Delay(Hang, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up, as intended.
            }

            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }

        return outcome switch
        {
            PostOutcome.Accepted => Results.Json(new PostAnswer("accepted"), SimulatorJson.Default.PostAnswer),
            PostOutcome.Duplicate => Results.Json(new PostAnswer("duplicate"), SimulatorJson.Default.PostAnswer, statusCode: StatusCodes.Status409Conflict),
            _ => Results.Json(new PostAnswer("stale", held), SimulatorJson.Default.PostAnswer, statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static ReceivedEvent? Read(JsonElement root, DateTimeOffset now, string authorization)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("eventId", out var id) || id.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        if (type.GetString() == FeedbackType)
        {
            // Contract v2: a measure-feedback event carries the feedback, no record; it is a stream of its own.
            if (!root.TryGetProperty("feedback", out var feedback) || feedback.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var when = root.TryGetProperty("occurredAt", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
            return new ReceivedEvent(id.GetString()!, FeedbackType, id.GetString()!, 0, when, now,
                authorization.StartsWith("Bearer ", StringComparison.Ordinal), null) { Feedback = feedback.Clone() };
        }

        if (!root.TryGetProperty("recordId", out var recordId) || recordId.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("version", out var version) || !version.TryGetInt64(out var v))
        {
            return null;
        }

        var occurredAt = root.TryGetProperty("occurredAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetString() : null;
        JsonElement? record = root.TryGetProperty("record", out var r) && r.ValueKind == JsonValueKind.Object ? r.Clone() : null;
        return new ReceivedEvent(id.GetString()!, type.GetString()!, recordId.GetString()!, v, occurredAt, now,
            authorization.StartsWith("Bearer ", StringComparison.Ordinal), record);
    }
}
