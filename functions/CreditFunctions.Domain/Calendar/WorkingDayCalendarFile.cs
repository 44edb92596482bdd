using System.Text.Json;
using System.Text.Json.Serialization;

namespace CreditFunctions.Domain.Calendar;

/// <summary>The shape of <c>working-days-cn.json</c>, and how it is read.</summary>
internal sealed record WorkingDayCalendarFile(IReadOnlyList<WorkingDayYear> Years, string? Description = null)
{
    /// <summary>Pinned by <c>LogicalName</c> in the project file, so renaming the namespace cannot lose it.</summary>
    public const string EmbeddedResourceName = "CreditFunctions.Domain.Calendar.working-days-cn.json";

    public static IReadOnlyList<WorkingDayYear> ReadEmbedded()
    {
        using var stream = typeof(WorkingDayCalendarFile).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InvalidDataException(
                $"Working-day calendar data is missing: embedded resource '{EmbeddedResourceName}' is not in {typeof(WorkingDayCalendarFile).Assembly.GetName().Name}.");
        return Read(stream);
    }

    /// <exception cref="InvalidDataException">Not JSON of this shape (unknown or missing members, bad dates).</exception>
    public static IReadOnlyList<WorkingDayYear> Read(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        WorkingDayCalendarFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, WorkingDayCalendarJsonContext.Default.WorkingDayCalendarFile);
        }
        catch (JsonException e)
        {
            // The serializer's message carries the JSON path and line, which is what whoever edits the file needs.
            throw new InvalidDataException($"Working-day calendar data is invalid: {e.Message}", e);
        }

        return file?.Years ?? throw new InvalidDataException("Working-day calendar data is invalid: the file is 'null'.");
    }
}

/// <summary>
/// Strict reading: a misspelt member or a missing list is an error, not silently an empty year.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(WorkingDayCalendarFile))]
internal sealed partial class WorkingDayCalendarJsonContext : JsonSerializerContext;
