using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core.Flags;

/// <summary>
/// A jurisdiction's threshold for one flag rule; it holds for its subtree unless a deeper jurisdiction
/// sets its own (see <see cref="FlagRules.Resolve"/>). Organisation data like an issuance: every unit reads
/// the settings on its path (a county's flags follow its province's choice), only the 安委办 of the
/// jurisdiction or one above it changes them, and every change is audited.
/// </summary>
public sealed class FlagSetting
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string JurisdictionCode { get; set; } = string.Empty;

    /// <summary>The jurisdiction's name, kept with the row: units below read it though the node itself is outside their scope.</summary>
    public string JurisdictionName { get; set; } = string.Empty;

    public LTree Path { get; set; }

    public FlagRule Rule { get; set; }

    public bool Enabled { get; set; } = true;

    public decimal Value { get; set; }

    /// <summary>The item floor of <see cref="FlagRule.OverrideDrift"/>; null for the other rules.</summary>
    public decimal? Items { get; set; }

    public string SetBy { get; set; } = string.Empty;

    public DateTimeOffset SetAt { get; set; }
}
