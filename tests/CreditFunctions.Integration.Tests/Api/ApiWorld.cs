using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>
/// One app on Azurite with one stored record, shared by the access matrix's cases: an administrative penalty against
/// a fresh unit, submitted by the enforcement corps.
/// </summary>
public sealed class ApiWorld : IAsyncLifetime
{
    public const string SubmittingUnit = "SH-HRSS-ENFORCEMENT";
    public const string OtherUnit = "SH-EMPLOYMENT";

    public CreditApp App { get; private set; } = null!;

    public string Subject { get; } = Subjects.NewUscc();

    public string OtherSubject { get; } = Subjects.NewUscc();

    public string RecordId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var sourceRecordId = $"AP-{Guid.NewGuid():N}";
        await App.Get<RecordIngestor>().IngestAsync(
            RecordsMessage.From(SubmittingUnit).With(RecordsMessage.AdminPenalty(Subject, sourceRecordId)).Json(), CancellationToken.None);
        RecordId = RecordIds.For(SubmittingUnit, sourceRecordId);
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
