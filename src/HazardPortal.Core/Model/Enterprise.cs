using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core;

/// <summary>The government level that supervises an enterprise (SPEC §2: 省/市/县, default county).</summary>
public enum SupervisingLevel
{
    Province,
    Prefecture,
    County,
}

/// <summary>An enterprise (生产经营单位) under a jurisdiction node, identified by its 统一社会信用代码.</summary>
public class Enterprise : IEnterpriseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    /// <summary>统一社会信用代码 (GB 32100-2015), validated by <see cref="CreditCode"/>.</summary>
    public required string Uscc { get; set; }

    public required string JurisdictionCode { get; set; }

    public LTree Path { get; set; }

    public required string SectorCode { get; set; }

    /// <summary>The enterprise's own high-risk flag (seeded from its sector; partial or blank means no).</summary>
    public bool HighRisk { get; set; }

    public SupervisingLevel SupervisingLevel { get; set; } = SupervisingLevel.County;

    public string? Address { get; set; }

    public string? LegalRepresentative { get; set; }

    public string? ContactPhone { get; set; }

    /// <summary>The registered park (各类园区, a place) the enterprise sits in, if any.</summary>
    public Guid? ParkId { get; set; }

    /// <summary>事故易发多发企业 (003 annex 2 row tag).</summary>
    public bool AccidentProne { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Equal to <see cref="Id"/> (a generated column), so the enterprise rule reads one column everywhere.</summary>
    public Guid? EnterpriseId { get; private set; }
}
