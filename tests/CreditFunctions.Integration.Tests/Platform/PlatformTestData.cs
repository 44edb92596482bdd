using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>Records put in through the real ingestion function, and where their outbox rows are.</summary>
public static class PlatformTestData
{
    public const string Source = "SH-HRSS-ENFORCEMENT";

    public sealed record Ingested(string Unit, string RecordId, string Partition, string SubjectKey);

    /// <summary>Ingests one admin penalty per version given, in order, and says where the record lives.</summary>
    public static async Task<Ingested> IngestPenaltyAsync(CreditApp app, string? unit = null, string decisionDate = "2024-04-30", params int[] versions)
    {
        unit ??= Subjects.NewUscc();
        var sourceRecordId = $"AP-{Guid.NewGuid():N}";
        foreach (var version in versions.Length == 0 ? [1] : versions)
        {
            var message = RecordsMessage.From(Source).With(RecordsMessage.AdminPenalty(unit, sourceRecordId, version, decisionDate));
            await app.Function<IngestFunction>().Run(message.Json(), CancellationToken.None);
        }

        var subjectKey = app.Get<SubjectKeys>().KeyFor(new SubjectId(SubjectType.Unit, unit));
        return new Ingested(unit, RecordIds.For(Source, sourceRecordId), SubjectKeys.BucketOf(subjectKey), subjectKey);
    }

    public static string PublishId(Ingested record, long version = 1) => PlatformEvent.IdFor(record.RecordId, version, PlatformEventTypes.Publish);

    public static string Notice(params OutboxPointer[] pointers) =>
        System.Text.Json.JsonSerializer.Serialize(new OutboxNotice(pointers), App.Json.AppJson.Web.OutboxNotice);

    public static async Task<TableEntity?> OutboxRowAsync(CreditApp app, string partition, string eventId)
    {
        var row = await app.Table(TableNames.Records).GetEntityIfExistsAsync<TableEntity>(partition, RecordStore.Keys.OutboxRow(eventId));
        return row.HasValue ? row.Value : null;
    }

    /// <summary>Every notice now visible on the outbox queue that names <paramref name="eventId"/> (received, so it is taken off).</summary>
    public static async Task<List<string>> TakeNoticesNamingAsync(CreditApp app, string eventId)
    {
        var queue = app.Queue(PlatformOutbox.QueueName);
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
                var body = message.Body.ToString();
                if (body.Contains(eventId, StringComparison.Ordinal))
                {
                    found.Add(body);
                }

                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }
}
