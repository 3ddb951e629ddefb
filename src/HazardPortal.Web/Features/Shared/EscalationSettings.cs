using HazardPortal.Core.Notifications;

namespace HazardPortal.Web.Features.Shared;

/// <summary>The escalation ladder as configured (<c>Escalation:LongOverdueDays</c>), for the job and the pages that show its rungs.</summary>
public static class EscalationSettings
{
    public static EscalationLadder Read(IConfiguration configuration) =>
        new(LongOverdueDays: configuration.GetValue("Escalation:LongOverdueDays", 30));
}
