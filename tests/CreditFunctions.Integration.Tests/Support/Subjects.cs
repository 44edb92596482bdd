using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>Fresh valid identifiers, so tests sharing one Azurite never see each other's subjects.</summary>
public static class Subjects
{
    private const string UsccBody = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static string NewUscc()
    {
        Span<char> body = stackalloc char[17];
        body[0] = '9';
        body[1] = '1';
        "310000".AsSpan().CopyTo(body[2..]);
        for (var i = 8; i < 17; i++)
        {
            body[i] = UsccBody[Random.Shared.Next(UsccBody.Length)];
        }

        return string.Concat(body, SubjectId.ComputeUsccCheck(body));
    }

    public static string NewIdNumber()
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 15_000));
        var body = $"310101{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        return body + SubjectId.ComputeIdCheck(body);
    }
}
