using HazardPortal.Core.Data;
using HazardPortal.Core.Tenancy;
using HazardPortal.Web.Features.Shared;

namespace HazardPortal.Web.Features.Flags;

/// <summary>The flags' part of the 安委办's month page: the count per rule and the first ten leads, from the depth where flags are read.</summary>
public sealed class FlagMonth(PortalDb portalDb, FlagFinder flags) : IOfficeMonthSource
{
    public int Order => 40;

    public async Task<MonthSection> LoadAsync(CancellationToken ct = default)
    {
        var found = portalDb.Scope.Path is { } path && JurisdictionPath.Depth(path) >= FlagFinder.MinDepth ? (await flags.FindAsync(null, null, ct: ct)).Value : null;
        var count = found?.Rules.Sum(r => r.Count) ?? 0;
        return new MonthSection([new MonthTag("预警线索", count, Urgent: false)], found is null ? null : typeof(FlagMonthSection), found);
    }
}
