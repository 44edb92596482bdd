using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Bench.Push;

/// <summary>Fresh valid unified social credit codes, so every bench record is a subject of its own.</summary>
internal static class Uscc
{
    private const string Body = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static string New()
    {
        Span<char> body = stackalloc char[16];
        "91310000".AsSpan().CopyTo(body);
        for (var i = 8; i < 16; i++)
        {
            body[i] = Body[Random.Shared.Next(Body.Length)];
        }

        return SubjectId.CompleteUscc(body);
    }
}
