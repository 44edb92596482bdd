using System.Text.Json;
using Azure.Data.Tables;
using CreditFunctions.App.Json;

namespace CreditFunctions.App.Platform;

/// <summary>
/// Outbox rows live in the record's own bucket partition (<c>o|{eventId}</c>), so they commit with the change. A row
/// exists only while its event is unacknowledged: the push deletes it on 2xx/409, so finding what is still pending
/// is a range query per bucket that reads nothing else.
/// </summary>
public static class OutboxEntities
{
    public const string Prefix = "o|";

    public static string Row(string eventId) => Prefix + eventId;

    /// <summary>The rows of one record's pending events, in version order (event ids sort by version).</summary>
    public static (string From, string To) RecordRange(string recordId) => ($"{Prefix}{recordId}.", $"{Prefix}{recordId}/");

    public static TableEntity ToEntity(string partition, string subjectKey, PlatformEvent e) => new(partition, Row(e.EventId))
    {
        ["EventId"] = e.EventId,
        ["Type"] = e.Type,
        ["RecordId"] = e.RecordId,
        ["Version"] = e.Version,
        ["OccurredAt"] = e.OccurredAt,
        ["SubjectKey"] = subjectKey,
        ["Payload"] = JsonSerializer.Serialize(e, AppJson.Web.PlatformEvent),
        ["Attempts"] = 0,
    };

    public static PlatformEvent FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize(entity.GetString("Payload"), AppJson.Web.PlatformEvent)
        ?? throw new InvalidDataException($"Outbox row {entity.RowKey} has no payload");
}
