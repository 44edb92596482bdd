namespace CreditFunctions.Domain.Catalogue;

/// <summary>
/// art5, last paragraph: a serious finding must rest on a law, a regulation, or a policy document of the Party
/// Central Committee or the State Council. The check (docs/rules.md "Classification") is deliberately simple and catches omissions; it is
/// not a legal review:
/// <list type="bullet">
/// <item>a title in 《》 that ends with 法, 法典, 条例, 规定, 办法, 意见, 通知, 决定, 细则 or 规则; or</item>
/// <item>a Central Committee / State Council document number: 中发, 中办发, 国发, 国办发, 国令 or 国务院令; or</item>
/// <item>in English, one of the words Law, Regulation(s), Provisions, Measures, Opinions, Notice, Decision, Rules, or
/// "Order No.", "State Council", "Central Committee" (capitalised, as in a title).</item>
/// </list>
/// </summary>
public static class LegalBasisCheck
{
    private static readonly string[] TitleEndings = ["法", "法典", "条例", "规定", "办法", "意见", "通知", "决定", "细则", "规则"];
    private static readonly string[] DocumentNumbers = ["中发〔", "中办发〔", "国发〔", "国办发〔", "中发[", "中办发[", "国发[", "国办发[", "国务院令"];
    private static readonly string[] EnglishWords =
        ["Law", "Laws", "Regulation", "Regulations", "Provisions", "Measures", "Opinions", "Notice", "Decision", "Rules"];
    private static readonly string[] EnglishPhrases = ["Order No.", "State Council", "Central Committee"];

    /// <summary>True when <paramref name="legalBasis"/> names a law, regulation or Central Committee / State Council document.</summary>
    public static bool NamesLawOrRegulation(string? legalBasis)
    {
        if (string.IsNullOrWhiteSpace(legalBasis)) return false;
        var text = legalBasis.AsSpan();

        // 《title》 ending with a kind of legal instrument
        var rest = text;
        while (true)
        {
            var open = rest.IndexOf('《');
            if (open < 0) break;
            rest = rest[(open + 1)..];
            var close = rest.IndexOf('》');
            if (close < 0) break;
            var title = rest[..close].Trim();
            foreach (var ending in TitleEndings)
            {
                if (title.Length > ending.Length && title.EndsWith(ending, StringComparison.Ordinal)) return true;
            }
            rest = rest[(close + 1)..];
        }

        foreach (var number in DocumentNumbers)
        {
            if (text.Contains(number, StringComparison.Ordinal)) return true;
        }
        foreach (var phrase in EnglishPhrases)
        {
            if (text.Contains(phrase, StringComparison.Ordinal)) return true;
        }
        foreach (var word in EnglishWords)
        {
            if (ContainsWord(text, word)) return true;
        }
        return false;
    }

    private static bool ContainsWord(ReadOnlySpan<char> text, string word)
    {
        var start = 0;
        while (start < text.Length)
        {
            var i = text[start..].IndexOf(word, StringComparison.Ordinal);
            if (i < 0) return false;
            i += start;
            var end = i + word.Length;
            var beforeOk = i == 0 || !char.IsLetter(text[i - 1]);
            var afterOk = end == text.Length || !char.IsLetter(text[end]);
            if (beforeOk && afterOk) return true;
            start = i + 1;
        }
        return false;
    }
}
