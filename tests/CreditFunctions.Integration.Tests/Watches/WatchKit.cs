using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Watches;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Watches;

/// <summary>The watch routes through their real functions, and the outbox and deliveries driven the way the host drives them.</summary>
public static class WatchKit
{
    public static async Task<HttpAnswer> Create(CreditApp app, string? principal, JsonObject body) =>
        HttpAnswer.Of(await app.Function<CreateWatchFunction>().Run(
            app.Request("/api/watches", principal: principal, method: "POST", body: body.ToJsonString()), CancellationToken.None));

    public static JsonObject Body(IEnumerable<string> subjects, string? business = null, string? callbackUrl = null)
    {
        var body = new JsonObject { ["subjects"] = new JsonArray(subjects.Select(s => (JsonNode)s).ToArray()) };
        if (business is not null)
        {
            body["business"] = business;
        }

        if (callbackUrl is not null)
        {
            body["callbackUrl"] = callbackUrl;
        }

        return body;
    }

    /// <summary>A watch made by the test partner; its id.</summary>
    public static async Task<(string WatchId, string Cursor, string? Secret)> WatchAsync(CreditApp app, IEnumerable<string> subjects, string? business = null, string? callbackUrl = null)
    {
        var answer = await Create(app, Principals.Partner, Body(subjects, business, callbackUrl));
        Assert.True(answer.Status == 201, answer.Body);
        var json = answer.Json;
        return (json.GetProperty("watchId").GetString()!, json.GetProperty("cursor").GetString()!,
            json.TryGetProperty("secret", out var s) ? s.GetString() : null);
    }

    public static async Task<HttpAnswer> Get(CreditApp app, string? principal, string watchId) =>
        HttpAnswer.Of(await app.Function<GetWatchFunction>().Run(app.Request($"/api/watches/{watchId}", principal: principal), watchId, CancellationToken.None));

    public static async Task<HttpAnswer> Delete(CreditApp app, string? principal, string watchId) =>
        HttpAnswer.Of(await app.Function<DeleteWatchFunction>().Run(app.Request($"/api/watches/{watchId}", principal: principal, method: "DELETE"), watchId, CancellationToken.None));

    public static async Task<HttpAnswer> ChangeSubjects(CreditApp app, string? principal, string watchId, string[] add, string[] remove) =>
        HttpAnswer.Of(await app.Function<ChangeWatchSubjectsFunction>().Run(app.Request($"/api/watches/{watchId}/subjects", principal: principal, method: "POST",
            body: new JsonObject
            {
                ["add"] = new JsonArray(add.Select(s => (JsonNode)s).ToArray()),
                ["remove"] = new JsonArray(remove.Select(s => (JsonNode)s).ToArray()),
            }.ToJsonString()), watchId, CancellationToken.None));

    public static async Task<HttpAnswer> Changes(CreditApp app, string? principal, string watchId, string? after = null, int? limit = null)
    {
        var query = string.Join('&', new[] { after is null ? null : "after=" + after, limit is null ? null : $"limit={limit}" }.Where(q => q is not null));
        return HttpAnswer.Of(await app.Function<WatchChangesFunction>().Run(
            app.Request($"/api/watches/{watchId}/changes", query.Length == 0 ? null : query, principal), watchId, CancellationToken.None));
    }

    /// <summary>The watch's whole feed after <paramref name="after"/>, read as its partner does once the settle window has passed.</summary>
    public static async Task<List<JsonElement>> FeedAsync(CreditApp app, string watchId, string? after = null)
    {
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var answer = await Changes(app, Principals.Partner, watchId, after, 1000);
        Assert.True(answer.Status == 200, answer.Body);
        return [.. answer.Json.GetProperty("changes").EnumerateArray()];
    }

    /// <summary>Runs the push function on every notice visible on the outbox queue until there is none (as the host would).</summary>
    public static async Task<int> PumpAsync(CreditApp app)
    {
        var queue = app.Queue(PlatformOutbox.QueueName);
        await queue.CreateIfNotExistsAsync();
        var handled = 0;
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return handled;
            }

            foreach (var message in batch)
            {
                // Time passes between notices, as it does for the host (the test clock stands still otherwise).
                app.Clock.Advance(TimeSpan.FromMilliseconds(10));
                await app.Function<PlatformPushFunction>().Run(message.Body.ToString(), CancellationToken.None);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        }
    }

    /// <summary>The notices now visible on watch-deliveries, taken off the queue.</summary>
    public static async Task<List<string>> TakeDeliveryNoticesAsync(CreditApp app)
    {
        var queue = app.Queue(WatchDeliveries.QueueName);
        await queue.CreateIfNotExistsAsync();
        var found = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                return found;
            }

            foreach (var message in batch)
            {
                found.Add(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public static string[] ChangeKinds(IEnumerable<JsonElement> feed) => [.. feed.Select(c => c.GetProperty("change").GetString()!)];
}
