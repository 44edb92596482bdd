using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Reports;

/// <summary>An issued report as the register keeps it: never the verification code, only its hash.</summary>
/// <param name="SubjectId">
/// Whom it is about: needed to evaluate the subject's credit again (as Records rows keep it). Only the ID number, never its
/// pseudonymous key: re-keying (infra/Rekey) then has nothing to move here, and the next read finds the subject under the new key.
/// </param>
/// <param name="Fingerprint">SHA-256 (hex) of the status, records with their marks and measures the report states.</param>
/// <param name="Jws">The signed report (compact JWS): its payload is the report as issued.</param>
public sealed record StoredReport(
    string ReportId,
    SubjectId SubjectId,
    string CodeHash,
    DateTimeOffset IssuedAt,
    DateOnly AsOf,
    string Kid,
    string Fingerprint,
    string Jws);

/// <summary>
/// The one owner of the <c>Reports</c> table (docs/table-design.md, "Reports"): <c>PK = reportId</c>, <c>RK = report</c>,
/// one entity per report, written once (<c>Add</c>: a report is never changed) and read by one point read.
/// </summary>
public sealed class ReportStore(CreditStorage storage, StorageProvisioner provisioner)
{
    private const string Row = "report";

    private TableClient Table => storage.Tables.GetTableClient(TableNames.Reports);

    /// <summary>One storage request: the report's one entity, added (a report number is never reused).</summary>
    public async Task AddAsync(StoredReport report, CancellationToken cancellationToken)
    {
        if (report.Jws.Length > LargeText.MaxChars)
        {
            // Some 1,000 records; never stored cut short (a report that does not verify is worse than none).
            throw new InvalidOperationException($"A report of {report.Jws.Length} characters is more than one entity holds.");
        }

        await provisioner.EnsureAsync(cancellationToken);
        var entity = new TableEntity(report.ReportId, Row)
        {
            ["SubjectType"] = report.SubjectId.Type == SubjectType.Unit ? "unit" : "individual",
            ["SubjectId"] = report.SubjectId.Value,
            ["CodeHash"] = report.CodeHash,
            ["IssuedAt"] = report.IssuedAt,
            ["AsOf"] = report.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["Kid"] = report.Kid,
            ["Fingerprint"] = report.Fingerprint,
        };
        // A report of many records is larger than one string property may be (64 KiB in Azure).
        LargeText.Write(entity, "Jws", report.Jws);
        await Table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>One point read; null when there is no such report.</summary>
    public async Task<StoredReport?> GetAsync(string reportId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        NullableResponse<TableEntity> found = await Table.GetEntityIfExistsAsync<TableEntity>(reportId, Row, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } entity)
        {
            return null;
        }

        var type = entity.GetString("SubjectType") == "unit" ? SubjectType.Unit : SubjectType.Individual;
        return new StoredReport(
            entity.PartitionKey,
            new SubjectId(type, entity.GetString("SubjectId") ?? ""),
            entity.GetString("CodeHash") ?? "",
            entity.GetDateTimeOffset("IssuedAt") ?? default,
            DateOnly.ParseExact(entity.GetString("AsOf") ?? "0001-01-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            entity.GetString("Kid") ?? "",
            entity.GetString("Fingerprint") ?? "",
            LargeText.Read(entity, "Jws"));
    }
}
