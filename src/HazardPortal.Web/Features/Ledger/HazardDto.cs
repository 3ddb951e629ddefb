using HazardPortal.Core.Hazards;
using HazardPortal.Web.Features.Shared;

namespace HazardPortal.Web.Features.Ledger;

/// <summary>A hazard as GET /api/v1/hazards/{id} returns it (API.md "Hazards").</summary>
public sealed record HazardDto(
    Guid Id,
    Guid? EnterpriseId,
    Guid? PlaceId,
    SubjectKind SubjectKind,
    string SubjectName,
    string JurisdictionCode,
    string Title,
    string? Description,
    string? Location,
    string SectorCode,
    HazardGrade Grade,
    HazardSource Source,
    DateOnly FoundOn,
    string FoundBy,
    HazardBasis? Basis,
    bool Immediate,
    RectificationPlan Plan,
    HazardStatus Status,
    DateOnly? ReportedOn,
    bool ReportedToWorkersCongress,
    DateOnly? RectifiedOn,
    string? RectificationDescription,
    DateOnly? VerifiedOn,
    string? Acceptor,
    HazardDto.SupervisionDto? Supervision,
    string? VoidReason,
    DateOnly? Deadline,
    bool Overdue,
    bool DueSoon,
    bool Exempt,
    bool OtherFound,
    IReadOnlyList<DateOnly> Deadlines,
    IReadOnlyList<HazardDto.PhotoDto> Photos,
    IReadOnlyList<HazardDto.RouteDto> Routes,
    IReadOnlyList<HazardDto.EventDto> History,
    string RegisteredBy,
    uint Version,
    bool AgingEquipment = false,
    bool HighRiskEquipment = false,
    string? ResponsibleDepartment = null,
    string? AcceptingUnit = null,
    string? AcceptingPerson = null)
{
    public sealed record SupervisionDto(
        SupervisionLevel Level, string UnitName, DateOnly TaggedOn, DateOnly Deadline, DateOnly? RemovedOn, string? DocumentNumber = null, string? Requirements = null);

    public sealed record PhotoDto(Guid Id, PhotoStage Stage, DateTimeOffset CapturedAt);

    public sealed record RouteDto(Guid UnitId, string UnitName, RouteKind Kind);

    public sealed record EventDto(HazardEventKind Kind, DateOnly On, DateTimeOffset At, string Actor, string Unit, string? Note, string? Before, string? After);

    public static HazardDto From(Hazard h, string subjectName, IReadOnlyList<HazardEvent> events, IReadOnlyList<HazardRoute> routes, IReadOnlyList<PhotoDto> photos, DateOnly today)
    {
        var ordered = events.OrderBy(e => e.Sequence).ToList();
        var extensions = ordered.Where(e => e.Kind == HazardEventKind.Extended).ToList();
        var deadlines = new List<DateOnly>();
        var first = extensions.Count > 0 && DateOnly.TryParse(extensions[0].Before, out var b) ? b : h.Plan.Deadline;
        if (first is { } f)
        {
            deadlines.Add(f);
        }

        deadlines.AddRange(extensions.Select(e => DateOnly.Parse(e.After!, System.Globalization.CultureInfo.InvariantCulture)));
        return new HazardDto(
            h.Id, h.EnterpriseId, h.PlaceId, h.SubjectKind, subjectName, h.JurisdictionCode, h.Title, h.Description, h.Location, h.SectorCode,
            h.Grade, h.Source, h.FoundOn, h.FoundBy,
            h.BasisStandardCode is null ? null : new HazardBasis(h.BasisStandardCode, h.BasisClause),
            h.Immediate, h.Plan, h.Status, h.ReportedOn, h.ReportedToWorkersCongress, h.RectifiedOn, h.RectificationDescription, h.VerifiedOn, h.Acceptor,
            h.Supervision is { } s ? new SupervisionDto(s.Level, s.UnitName, s.TaggedOn, s.Deadline, s.RemovedOn, s.DocumentNumber, s.Requirements) : null,
            h.VoidReason, h.CurrentDeadline, h.IsOverdue(today), h.IsDueSoon(today), h.IsExempt(today), h.OtherFound,
            deadlines, photos, routes.Select(r => new RouteDto(r.UnitId, r.UnitName, r.Kind)).ToList(),
            ordered.Select(e => new EventDto(e.Kind, e.On, e.At, e.ActorName, e.UnitName, e.Note, e.Before, e.After)).ToList(),
            h.RegisteredByUnitName, h.Version, h.AgingEquipment, h.HighRiskEquipment, h.ResponsibleDepartment, h.AcceptingUnit, h.AcceptingPerson);
    }
}
