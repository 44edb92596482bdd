using System.Text;
using System.Text.RegularExpressions;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests;

/// <summary>
/// A clone of the repository is all a newcomer has, so code and docs point only to the project's own docs: a page
/// <c>docs/….md</c>, optionally followed by the quoted titles of its sections (<c>docs/table-design.md, "Moves"</c> or
/// <c>docs/rules.md "Subjects"</c>). These pointers cannot rot: every page named exists, every quoted section is a
/// heading of it (the heading as written, backticks aside, or a heading that begins with it:
/// <c>"Cases"</c> finds <c>## Cases: `Objections` and `Repairs`</c>), and no comment names a file that is not in the
/// repository (the outside spec's <c>contract.md</c>, <c>domain.md</c>, <c>calendar-cn.md</c>, <c>measures.en.md</c>;
/// the rules moved from <c>RULES.md</c> to docs/rules.md).
/// </summary>
public sealed partial class DocsPointersTests
{
    private static readonly string Root = RepositoryRoot.Find();

    /// <summary>This file names the outside files to look for them.</summary>
    private const string ThisFile = "tests/CreditFunctions.Integration.Tests/DocsPointersTests.cs";

    private static readonly string[] SourceFolders = ["functions", "infra", "tests"];

    private static readonly string[] Skipped = ["bin", "obj", "node_modules", ".git", ".artifacts", ".local"];

    [Fact]
    public void Every_docs_page_a_code_comment_names_exists_and_every_section_it_quotes_is_a_heading_of_it()
    {
        var pointers = CodeComments().SelectMany(c => Pointers(c.File, c.Text)).ToList();
        Assert.NotEmpty(pointers);

        var broken = Broken(pointers);

        Assert.True(broken.Count == 0, "Comments pointing to docs that are not there:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void Every_docs_page_a_markdown_file_names_exists_and_every_section_it_quotes_is_a_heading_of_it()
    {
        var pointers = Files("*.md").SelectMany(f => Pointers(f, File.ReadAllText(Path.Combine(Root, f)))).ToList();
        Assert.NotEmpty(pointers);

        var broken = Broken(pointers);

        Assert.True(broken.Count == 0, "Markdown pointing to docs that are not there:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void No_code_comment_points_to_a_file_outside_the_repository()
    {
        var outside = CodeComments()
            .Where(c => c.File != ThisFile)
            .SelectMany(c => OutsideFile().Matches(c.Text).Select(m => $"{c.File}: {m.Value}"))
            .Distinct()
            .ToList();

        Assert.True(outside.Count == 0,
            "Point to the project's own docs instead (docs/contracts.md, docs/rules.md, docs/record-lifecycle.md, …; the rules are docs/rules.md):\n"
            + string.Join("\n", outside));
    }

    [Fact]
    public void The_reader_finds_headings_as_the_pointers_quote_them()
    {
        // The matching rule itself: whole headings, headings that begin with the quote, backticks aside; not a word's start.
        var headings = Headings("# Page\n## `Records`: one partition\n### Moves\n```bash\n# not a heading\n```\n## Expiry sweep state and outbox\n");
        Assert.True(HasHeading(headings, "Records"));
        Assert.True(HasHeading(headings, "Moves"));
        Assert.True(HasHeading(headings, "Expiry sweep state"));
        Assert.False(HasHeading(headings, "Move"));
        Assert.False(HasHeading(headings, "not a heading"));
        Assert.Equal(
            new[] { ("docs/table-design.md", "Records"), ("docs/table-design.md", "Moves"), ("docs/rules.md", "Subjects") },
            Pointers("x.cs", "see docs/table-design.md, \"Records\", \"Moves\" and (docs/rules.md \"Subjects\": \"not a section\")")
                .Select(p => (p.Page, p.Section ?? "")).Where(p => p.Item2.Length > 0).ToList());
    }

    private sealed record Pointer(string File, string Page, string? Section);

    private static List<string> Broken(IEnumerable<Pointer> pointers)
    {
        var broken = new List<string>();
        var pages = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
        foreach (var pointer in pointers)
        {
            if (!pages.TryGetValue(pointer.Page, out var headings))
            {
                var path = Path.Combine(Root, pointer.Page);
                pages[pointer.Page] = headings = File.Exists(path) ? Headings(File.ReadAllText(path)) : null;
            }

            if (headings is null)
            {
                broken.Add($"{pointer.File}: {pointer.Page} does not exist");
            }
            else if (pointer.Section is { } section && !HasHeading(headings, section))
            {
                broken.Add($"{pointer.File}: {pointer.Page} has no heading \"{section}\"");
            }
        }

        return broken.Distinct().ToList();
    }

    /// <summary>Each page named in <paramref name="text"/>, once with no section and once per section quoted after it.</summary>
    private static IEnumerable<Pointer> Pointers(string file, string text)
    {
        foreach (Match m in DocsPointer().Matches(text))
        {
            var page = "docs/" + m.Groups["page"].Value;
            yield return new Pointer(file, page, null);
            foreach (Capture section in m.Groups["section"].Captures)
            {
                yield return new Pointer(file, page, section.Value);
            }
        }
    }

    private static bool HasHeading(IReadOnlyList<string> headings, string section) =>
        headings.Any(h => h == section
                          || (h.StartsWith(section, StringComparison.Ordinal) && !char.IsLetterOrDigit(h[section.Length])));

    /// <summary>A page's headings, backticks removed; lines inside fenced code blocks are not headings.</summary>
    private static IReadOnlyList<string> Headings(string markdown)
    {
        var headings = new List<string>();
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced && Heading().Match(line) is { Success: true } m)
            {
                headings.Add(m.Groups[1].Value.Replace("`", "", StringComparison.Ordinal).Trim().TrimEnd('#').Trim());
            }
        }

        return headings;
    }

    /// <summary>
    /// The comments of every .cs file under functions/, infra/ and tests/, one text per run of comment lines (so a pointer
    /// and its section may be on two lines), plus trailing comments of code lines.
    /// </summary>
    private static IEnumerable<(string File, string Text)> CodeComments()
    {
        foreach (var file in SourceFolders.SelectMany(folder => Files("*.cs", folder)))
        {
            var run = new StringBuilder();
            foreach (var line in File.ReadLines(Path.Combine(Root, file)).Append(""))
            {
                var trimmed = line.TrimStart();
                if (trimmed.StartsWith("//", StringComparison.Ordinal))
                {
                    run.Append(' ').Append(trimmed.TrimStart('/'));
                    continue;
                }

                if (run.Length > 0)
                {
                    yield return (file, run.ToString());
                    run.Clear();
                }

                var trailing = line.IndexOf(" // ", StringComparison.Ordinal);
                if (trailing >= 0)
                {
                    yield return (file, line[(trailing + 4)..]);
                }
            }
        }
    }

    /// <summary>Repository files matching <paramref name="pattern"/>, relative to the root, build output and tools left out.</summary>
    private static IEnumerable<string> Files(string pattern, string? under = null) =>
        Directory.EnumerateFiles(under is null ? Root : Path.Combine(Root, under), pattern, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(part => Skipped.Contains(part, StringComparer.Ordinal)));

    /// <summary><c>docs/{page}.md</c> (not part of a longer path), then quoted sections separated by a comma or white space.</summary>
    [GeneratedRegex("""(?<![\w./-])docs/(?<page>[\w-]+(?:/[\w-]+)*\.md)(?:\s*,?\s*"(?<section>[^"\r\n]{1,120})")*""")]
    private static partial Regex DocsPointer();

    [GeneratedRegex("""(?<![\w./-])(?:contract\.md|domain\.md|calendar-cn\.md|measures\.en\.md|RULES\.md)""")]
    private static partial Regex OutsideFile();

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*$")]
    private static partial Regex Heading();
}
