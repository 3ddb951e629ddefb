using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core;

public enum UnitKind
{
    /// <summary>人民政府 / 街道办事处 / 村（居）委会 — township cadres belong here.</summary>
    Government,

    /// <summary>安全生产委员会办公室 (安委办).</summary>
    SafetyOffice,

    /// <summary>A department of the jurisdiction's government (应急管理局, 住建局 …) with its sectors.</summary>
    Department,

    /// <summary>The technical operations unit the three admin accounts (三员) belong to.</summary>
    Operations,
}

/// <summary>An organisation hanging off a jurisdiction node. Enterprises and places are separate entities.</summary>
public class Unit : IScoped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public UnitKind Kind { get; set; }

    public required string JurisdictionCode { get; set; }

    public LTree Path { get; set; }

    /// <summary>For departments: the kind of department as the sector table names it (e.g. 应急管理部门).</summary>
    public string? DepartmentType { get; set; }

    /// <summary>For departments: the sector codes it supervises.</summary>
    public List<string> SectorCodes { get; set; } = [];

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static string KindName(UnitKind kind) => kind switch
    {
        UnitKind.Government => "人民政府",
        UnitKind.SafetyOffice => "安委办",
        UnitKind.Department => "部门",
        UnitKind.Operations => "系统运维",
    };
}
