using HazardPortal.Core.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Core;

/// <summary>
/// A registered place (场所) that can carry hazards without a credit code: a 自建房, a road section,
/// a gas network, a school, a park. Optionally operated by an enterprise, which then sees it.
/// </summary>
public class Place : IEnterpriseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string JurisdictionCode { get; set; }

    public LTree Path { get; set; }

    public required string SectorCode { get; set; }

    public string? Address { get; set; }

    /// <summary>A registered park (各类园区) that enterprises can sit in.</summary>
    public bool IsPark { get; set; }

    /// <summary>Installed capacity in kW, for hydropower stations (水电站 5万以上/以下).</summary>
    public decimal? CapacityKw { get; set; }

    /// <summary>The operating enterprise, if any (运营单位).</summary>
    public Guid? EnterpriseId { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
