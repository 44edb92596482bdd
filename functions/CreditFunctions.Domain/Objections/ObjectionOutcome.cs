namespace CreditFunctions.Domain.Objections;

/// <summary>What the submitting unit decides on an objection (art10; Shanghai Social Credit Regulations art36).</summary>
public enum ObjectionOutcome
{
    /// <summary>"corrected": the record was wrong in part; a new version replaces it, classified again and pushed.</summary>
    Corrected,
    /// <summary>"revoked": the record should not exist; it is withdrawn from publication at once.</summary>
    Revoked,
    /// <summary>"upheld": the record stands; the unit says why.</summary>
    Upheld,
}

/// <summary>Wire names of <see cref="ObjectionOutcome"/> (docs/contracts.md "Shapes clients rely on": <c>corrected|revoked|upheld</c>).</summary>
public static class ObjectionOutcomes
{
    public static string ToWire(this ObjectionOutcome outcome) => outcome switch
    {
        ObjectionOutcome.Corrected => "corrected",
        ObjectionOutcome.Revoked => "revoked",
        ObjectionOutcome.Upheld => "upheld",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public static bool TryParse(string? value, out ObjectionOutcome outcome)
    {
        switch (value)
        {
            case "corrected": outcome = ObjectionOutcome.Corrected; return true;
            case "revoked": outcome = ObjectionOutcome.Revoked; return true;
            case "upheld": outcome = ObjectionOutcome.Upheld; return true;
            default: outcome = default; return false;
        }
    }
}
