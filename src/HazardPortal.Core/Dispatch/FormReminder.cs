using Microsoft.EntityFrameworkCore;
using HazardPortal.Core.Tenancy;

namespace HazardPortal.Core.Dispatch;

/// <summary>
/// 催报: the issuer reminded a unit that owes a form for a period and has not submitted it. One per unit,
/// form and China-time day (a unique index): a second press the same day reminds nobody again. Scoped to the
/// owing unit's node, so the issuer above it and the unit itself both see it.
/// </summary>
public sealed class FormReminder : IBusinessRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string TemplateCode { get; set; } = string.Empty;

    public string Period { get; set; } = string.Empty;

    public int CutoffDay { get; set; }

    /// <summary>The owing unit: a node code, or <c>dept:{id}</c> for a department.</summary>
    public string UnitKey { get; set; } = string.Empty;

    public string UnitName { get; set; } = string.Empty;

    public LTree Path { get; set; }

    public DateOnly RemindedOn { get; set; }

    public DateTimeOffset RemindedAt { get; set; }

    public string RemindedBy { get; set; } = string.Empty;

    /// <summary>How many of the unit's fillers were notified.</summary>
    public int Notified { get; set; }
}
