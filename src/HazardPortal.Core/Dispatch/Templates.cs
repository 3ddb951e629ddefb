namespace HazardPortal.Core.Dispatch;

/// <summary>One cell of a form item: bound to a metric key, or manual-only (filled by hand).</summary>
public sealed record TemplateCell(string Key, bool Manual = false, string? Unit = null);

/// <summary>One numbered item of a section with the seed's exact wording; it may hold two cells (次 and 万元).</summary>
public sealed record TemplateItem(int No, string Label, IReadOnlyList<TemplateCell> Cells);

public sealed record TemplateSection(string Name, IReadOnlyList<TemplateItem> Items);

/// <summary>How a template's cells are laid out: numbered items under sections (001, 002, 003 附件1) or a rows × columns matrix (003 附件2).</summary>
public enum TemplateLayout
{
    Sections,
    Matrix,
}

/// <summary>
/// A dispatch template as data (SPEC §6): the seed's title, unit caption, sections, items and their
/// wording, notes and footer lines, with its cutoff, window and holiday rule. Seeded from
/// <see cref="SeededTemplates"/> and stored in <c>dispatch_templates</c>.
/// </summary>
public sealed class DispatchTemplate
{
    public string Code { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>The title line of the form, word for word.</summary>
    public string Title { get; set; } = string.Empty;

    /// <summary>How the seed asks for the filling unit: "(单位)", "填报单位：", "村（社区）".</summary>
    public string UnitCaption { get; set; } = string.Empty;

    /// <summary>The source document of the template (001, 002 附件2, 003 附件1).</summary>
    public string Source { get; set; } = string.Empty;

    public string Cadence { get; set; } = "Monthly";

    public int CutoffDay { get; set; }

    public WindowKind Window { get; set; }

    /// <summary>遇节假日顺延: the due day moves to the next working day.</summary>
    public bool HolidayShift { get; set; }

    public string CampaignCode { get; set; } = string.Empty;

    /// <summary>
    /// The levels whose issuers may issue it (<see cref="Authorization.IssuingRules.MayIssue"/>), as its document addresses
    /// them: 001's county office to its townships and departments; 003 附件1's prefecture office and the counties' offices
    /// relaying it to their townships; 002's township to its villages. An office of that level elsewhere may adopt it.
    /// </summary>
    public List<JurisdictionLevel> IssuedAt { get; set; } = [];

    /// <summary>
    /// The unit line of a form as the seeds write it: <c>单位：进贤县</c>, <c>填报单位：红河州</c>, <c>村（社区）：土城社区</c> — the
    /// template's caption as a label, then the unit's short name (a village committee by its village's name).
    /// </summary>
    public static string UnitLine(string caption, string unitName)
    {
        var label = caption.Trim().Trim('_').TrimEnd('：', ':');
        if (label.Length > 2 && label[0] == '(' && label[^1] == ')')
        {
            label = label[1..^1];
        }

        var name = unitName;
        foreach (var suffix in new[] { "居民委员会", "村民委员会" })
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }

        return $"{label}：{name}";
    }

    public TemplateLayout Layout { get; set; }

    public List<TemplateSection> Sections { get; set; } = [];

    /// <summary>Lines under the table (审核人 / 填报联系人 / 联系电话).</summary>
    public List<string> FooterLines { get; set; } = [];

    /// <summary>The seed's 注 lines.</summary>
    public List<string> Notes { get; set; } = [];

    public IEnumerable<(TemplateSection Section, TemplateItem Item, TemplateCell Cell)> Cells() =>
        Sections.SelectMany(s => s.Items.SelectMany(i => i.Cells.Select(c => (s, i, c))));
}
