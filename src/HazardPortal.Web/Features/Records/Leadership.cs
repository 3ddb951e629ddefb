using FluentValidation;
using HazardPortal.Core.Data;
using HazardPortal.Core.Records;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// Form section 4 records (SPEC §5): leadership activities, dated jurisdiction facts and rewards,
/// kept by the jurisdiction's 安委办 or township cadre for a jurisdiction in their scope.
/// </summary>
public sealed partial class Leadership(PortalDb portalDb, IValidator<Leadership.ActivityCommand> activityValidator, TimeProvider clock)
{
    private static ActivityDto Map(LeadershipActivity a, Dictionary<string, string> names) =>
        new(a.Id, a.JurisdictionCode, names.GetValueOrDefault(a.JurisdictionCode, a.JurisdictionCode), a.Kind, LeadershipActivity.KindName(a.Kind), a.On, a.Description, a.RecordedByUnitName, a.RecordedBy);

    private static FactDto Map(JurisdictionFact f, Dictionary<string, string> names) =>
        new(f.Id, f.JurisdictionCode, names.GetValueOrDefault(f.JurisdictionCode, f.JurisdictionCode), f.On, f.MediaColumn, f.TechnicalInspectors, f.RecordedBy);

    private static RewardDto Map(Reward r, Dictionary<string, string> names) =>
        new(r.Id, r.JurisdictionCode, names.GetValueOrDefault(r.JurisdictionCode, r.JurisdictionCode), r.On, r.AmountWan, r.Anonymous, r.PublicReportId, r.Notes, r.RecordedByUnitName, r.RecordedBy);
}
