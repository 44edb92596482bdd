using CreditFunctions.App.Contracts;

namespace CreditFunctions.App.Platform;

/// <summary>Reads an event id back (<see cref="PlatformEvent.IdFor"/>: <c>{recordId}.{version:D10}.{type}[.{discriminator}]</c>).</summary>
public static class EventIds
{
    private const string FeedbackPrefix = "feedback.";

    private static readonly string[] Types =
        [PlatformEventTypes.Publish, PlatformEventTypes.Withdraw, PlatformEventTypes.ObjectionOpened, PlatformEventTypes.ObjectionClosed];

    /// <summary>
    /// The record id an event id starts with, or null when it has no such shape. The first ".{10 digits}.{type}"
    /// ends it: a record id is "{source}.{26 base32 characters}", so it cannot hold that sequence itself.
    /// </summary>
    public static string? RecordIdOf(string eventId)
    {
        if (eventId.StartsWith(FeedbackPrefix, StringComparison.Ordinal))
        {
            // A feedback's event is a stream of its own (RecordStore.AddFeedbackAsync).
            return eventId;
        }

        for (var dot = eventId.IndexOf('.'); dot > 0; dot = eventId.IndexOf('.', dot + 1))
        {
            var rest = eventId.AsSpan(dot + 1);
            if (rest.Length > 11 && rest[10] == '.' && IsDigits(rest[..10]) && StartsWithType(rest[11..]))
            {
                return eventId[..dot];
            }
        }

        return null;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWithType(ReadOnlySpan<char> text)
    {
        foreach (var type in Types)
        {
            if (text.StartsWith(type, StringComparison.Ordinal) && (text.Length == type.Length || text[type.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }
}
