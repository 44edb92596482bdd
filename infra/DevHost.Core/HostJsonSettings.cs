using System.Globalization;
using System.Text.Json;

namespace CreditFunctions.DevHost;

/// <summary>Message encoding of extensions.queues.messageEncoding (extension 5.x; default base64).</summary>
internal enum QueueMessageEncodingSetting
{
    Base64,
    None,
}

/// <summary>extensions.queues of host.json, with the Storage Queues extension 5.x defaults and limits (QueuesOptions).</summary>
internal sealed record QueuesSettings(
    int BatchSize,
    int NewBatchThreshold,
    TimeSpan MaxPollingInterval,
    TimeSpan VisibilityTimeout,
    int MaxDequeueCount,
    QueueMessageEncodingSetting MessageEncoding)
{
    public const int MaxBatchSize = 32;

    /// <summary>QueuePollingIntervals.Minimum: the fastest the listener polls, and the smallest maxPollingInterval.</summary>
    public static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    public static QueuesSettings Default { get; } = new(16, 8, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, QueueMessageEncodingSetting.Base64);
}

/// <summary>The parts of host.json the dev host honours; anything the host would reject is rejected here too.</summary>
internal sealed record HostJsonSettings(QueuesSettings Queues, string RoutePrefix, TimeSpan? FunctionTimeout)
{
    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        // The host reads host.json leniently (comments and trailing commas are accepted).
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static HostJsonSettings Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"host.json not found at '{path}'. The Functions host needs one; so does the dev host.");
        }

        try
        {
            using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path), ReadOptions);
            return Parse(doc.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException($"host.json '{path}': {ex.Message}", ex);
        }
    }

    internal static HostJsonSettings Parse(JsonElement root)
    {
        JsonElement? extensions = Child(root, "extensions");
        JsonElement? queues = extensions is { } e ? Child(e, "queues") : null;
        JsonElement? http = extensions is { } e2 ? Child(e2, "http") : null;

        string routePrefix = (http is { } h ? String(h, "routePrefix") : null) ?? "api";
        TimeSpan? functionTimeout = TimeSpanValue(root, "functionTimeout");
        return new HostJsonSettings(ParseQueues(queues), routePrefix.Trim('/'), functionTimeout);
    }

    private static QueuesSettings ParseQueues(JsonElement? queues)
    {
        QueuesSettings d = QueuesSettings.Default;
        if (queues is not { } q)
        {
            return d;
        }

        int batchSize = Int(q, "batchSize") ?? d.BatchSize;
        if (batchSize is < 1 or > QueuesSettings.MaxBatchSize)
        {
            throw new InvalidOperationException($"extensions.queues.batchSize must be 1..{QueuesSettings.MaxBatchSize}, not {batchSize}.");
        }

        // Extension 5.x: newBatchThreshold defaults to batchSize/2 (times the vCPU count on dedicated/premium plans;
        // 1 on Consumption, which is what the dev host assumes).
        int newBatchThreshold = Int(q, "newBatchThreshold") ?? batchSize / 2;
        if (newBatchThreshold < 0)
        {
            throw new InvalidOperationException("extensions.queues.newBatchThreshold must not be negative.");
        }

        TimeSpan maxPolling = TimeSpanValue(q, "maxPollingInterval") ?? d.MaxPollingInterval;
        if (maxPolling < QueuesSettings.MinimumPollingInterval)
        {
            throw new InvalidOperationException(
                $"extensions.queues.maxPollingInterval must be at least {QueuesSettings.MinimumPollingInterval.TotalMilliseconds} ms.");
        }

        TimeSpan visibility = TimeSpanValue(q, "visibilityTimeout") ?? d.VisibilityTimeout;
        if (visibility < TimeSpan.Zero)
        {
            throw new InvalidOperationException("extensions.queues.visibilityTimeout must not be negative.");
        }

        int maxDequeue = Int(q, "maxDequeueCount") ?? d.MaxDequeueCount;
        if (maxDequeue < 1)
        {
            throw new InvalidOperationException("extensions.queues.maxDequeueCount must be at least 1.");
        }

        QueueMessageEncodingSetting encoding = String(q, "messageEncoding")?.ToLowerInvariant() switch
        {
            null or "base64" => QueueMessageEncodingSetting.Base64,
            "none" => QueueMessageEncodingSetting.None,
            var other => throw new InvalidOperationException($"extensions.queues.messageEncoding '{other}' is neither 'base64' nor 'none'."),
        };

        return new QueuesSettings(batchSize, newBatchThreshold, maxPolling, visibility, maxDequeue, encoding);
    }

    // host.json is bound through IConfiguration by the host, so its keys are case-insensitive.
    private static JsonElement? Child(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (JsonProperty p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind != JsonValueKind.Null)
            {
                return p.Value;
            }
        }

        return null;
    }

    private static string? String(JsonElement obj, string name) => Child(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        var v => throw new FormatException($"'{name}' must be a string, not {v.Value.ValueKind}."),
    };

    private static int? Int(JsonElement obj, string name) => Child(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt32(out int i) => i,
        // IConfiguration binding also accepts numbers written as strings.
        { ValueKind: JsonValueKind.String } v when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int s) => s,
        var v => throw new FormatException($"'{name}' must be an integer, not '{v}'."),
    };

    // TimeSpans are "hh:mm:ss" strings. A bare number is refused: binding would read 2000 as 2000 days, which is
    // never what was meant (the v1 schema used milliseconds).
    private static TimeSpan? TimeSpanValue(JsonElement obj, string name)
    {
        string? text = Child(obj, name) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } v => v.GetString(),
            var v => throw new FormatException($"'{name}' must be a \"hh:mm:ss\" string, not '{v}'."),
        };
        if (text is null)
        {
            return null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) && text.Contains(':')
            ? value
            : throw new FormatException($"'{name}' must be a \"hh:mm:ss\" string, not '{text}'.");
    }
}
