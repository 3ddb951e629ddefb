using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core;

public enum HighRiskFlag
{
    Unknown,
    Yes,
    No,
    Partial,
}

/// <summary>A sector of the taxonomy (行业领域), from data/sectors.csv.</summary>
public class Sector
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? ParentCode { get; set; }

    public HighRiskFlag HighRisk { get; set; }

    /// <summary>The default lead department type (e.g. 应急管理部门), blank where the seeds name none.</summary>
    public string? DefaultLeadDepartment { get; set; }

    public string? Note { get; set; }

    /// <summary>SPEC §3: an enterprise is high-risk by default only where its sector says yes.</summary>
    public bool DefaultsEnterpriseToHighRisk => HighRisk == HighRiskFlag.Yes;
}

/// <summary>
/// One row of a jurisdiction's editable map sector → lead department(s) (SPEC §3).
/// Seeded from the sector table's default department type; a sector with no row falls back to the 安委办.
/// </summary>
public class SectorLead : IScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string JurisdictionCode { get; set; }

    public LTree Path { get; set; }

    public required string SectorCode { get; set; }

    public Guid DepartmentId { get; set; }
}

/// <summary>A national determination standard (重大事故隐患判定标准), from data/standards.csv.</summary>
public class Standard
{
    public required string Code { get; set; }

    public required string Title { get; set; }

    public string? Issuer { get; set; }

    public string? DocNumber { get; set; }

    public int? Year { get; set; }

    public List<string> SectorCodes { get; set; } = [];

    public string? Note { get; set; }
}

public enum CalendarDayKind
{
    /// <summary>A day off inside a statutory holiday break.</summary>
    Holiday,

    /// <summary>A weekend day made a working day (调休).</summary>
    Workday,
}

/// <summary>A holiday or 调休 working day, from data/holidays.csv; editable by an admin.</summary>
public class CalendarDay
{
    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    public required string Name { get; set; }

    public string? Note { get; set; }
}
