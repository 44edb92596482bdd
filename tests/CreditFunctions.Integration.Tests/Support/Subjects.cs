using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>Fresh valid identifiers, so tests sharing one Azurite never see each other's subjects.</summary>
public static class Subjects
{
    private const string UsccBody = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>A Shanghai company's code: 91, division 310000, a random organization code body, both check characters.</summary>
    public static string NewUscc()
    {
        Span<char> body = stackalloc char[16];
        "91310000".AsSpan().CopyTo(body);
        for (var i = 8; i < 16; i++)
        {
            body[i] = UsccBody[Random.Shared.Next(UsccBody.Length)];
        }

        return SubjectId.CompleteUscc(body);
    }

    public static string NewIdNumber()
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 15_000));
        var body = $"310101{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        return body + SubjectId.ComputeIdCheck(body);
    }
}
