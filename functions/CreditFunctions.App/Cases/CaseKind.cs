using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace CreditFunctions.App.Cases;

/// <summary>
/// What one kind of case keeps of its own (its table, its id prefix, its fields): the only part of storage that differs
/// between objections and repairs. The rows and their keys are <see cref="CaseTable{TCase}"/>'s.
/// </summary>
public abstract class CaseKind<TCase>
    where TCase : StoredCase
{
    public abstract string TableName { get; }

    /// <summary>The prefix of this kind's ids (<see cref="CaseIds"/>).</summary>
    public abstract string IdPrefix { get; }

    /// <summary>The kind's own fields, written onto the case's entity beside the common ones.</summary>
    public abstract void Write(TCase value, TableEntity entity);

    /// <summary>The case from its entity, the common fields already read into <paramref name="common"/>.</summary>
    public abstract TCase Read(TableEntity entity, CaseFields common);

    /// <summary>
    /// What the kind adds to its index rows (the unit's list and the open list) beyond the common fields, so a list can
    /// show it without reading each case. Nothing by default.
    /// </summary>
    public virtual void WriteIndex(TCase value, TableEntity row)
    {
    }

    public static string? Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Evidence references as one JSON array string property (20 × 500 characters fit one 64 KiB property).</summary>
    public static string WriteList(IReadOnlyList<string> items)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyList<string> ReadList(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
    }
}
