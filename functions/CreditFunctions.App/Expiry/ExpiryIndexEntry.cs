using System.Globalization;
using Azure.Data.Tables;

namespace CreditFunctions.App.Expiry;

/// <summary>An expiry index row <c>x|{expiresOn:yyyyMMdd}|{recordId}</c>: which record is due to leave publication on which day.</summary>
public sealed record ExpiryIndexEntry(string Partition, DateOnly ExpiresOn, string RecordId, string SubjectKey, long Version)
{
    public const string Prefix = "x|";

    /// <summary>The half-open key range of the days <paramref name="from"/> through <paramref name="through"/>.</summary>
    public static (string From, string To) Range(DateOnly from, DateOnly through) =>
        (string.Create(CultureInfo.InvariantCulture, $"{Prefix}{from:yyyyMMdd}|"),
         string.Create(CultureInfo.InvariantCulture, $"{Prefix}{through.AddDays(1):yyyyMMdd}|"));

    public static ExpiryIndexEntry? From(TableEntity row)
    {
        // RowKey = "x|" + 8 digits + "|" + record id.
        var key = row.RowKey;
        if (key.Length <= 11 || key[10] != '|'
            || !DateOnly.TryParseExact(key.AsSpan(2, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || row.GetString("SubjectKey") is not { } subjectKey)
        {
            return null;
        }

        return new ExpiryIndexEntry(row.PartitionKey, day, key[11..], subjectKey, row.GetInt64("Version") ?? 0);
    }
}
