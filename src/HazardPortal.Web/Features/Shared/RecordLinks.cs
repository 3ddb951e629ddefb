using HazardPortal.Core.Dispatch;

namespace HazardPortal.Web.Features.Shared;

/// <summary>Where a record behind a figure opens — the forms' drill-down and the dashboards' alike.</summary>
public static class RecordLinks
{
    public static string Of(MetricRecord r) => r.Type switch
    {
        "hazard" => $"/hazards/{r.Id}",
        "inspection" => $"/records/inspections/{r.Id}",
        "enforcement" => $"/records/enforcement/{r.Id}",
        "activity" => $"/records/activities/{r.Id}",
        "reward" => $"/records/rewards/{r.Id}",
        "risk" => $"/records/risks/{r.Id}",
        "problem" => $"/records/problems/{r.Id}",
        _ => "#",
    };
}
