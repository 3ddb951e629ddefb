using HazardPortal.Core.Dispatch;
using HazardPortal.Web.Features.Shared;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>
/// The forms' part of the 安委办's month page: for the period whose due day is next, the units missing, late or returned
/// with each form the office issues, and the forms waiting for its review.
/// </summary>
public sealed class DispatchMonth(DispatchService dispatch) : IOfficeMonthSource
{
    public sealed record FormLine(string Parent, string Template, string TemplateName, int Cutoff, string Period, string Unit, string UnitName, BoardStatus Status, bool Late, Guid? FormId)
    {
        public string StatusText => FormStanding.Name(Status);
    }

    public sealed record Forms(string Period, IReadOnlyList<FormLine> Missing, IReadOnlyList<FormLine> AwaitingReview);

    public int Order => 10;

    public async Task<MonthSection> LoadAsync(CancellationToken ct = default)
    {
        var boards = await dispatch.MyBoardsAsync(ct);
        var period = await dispatch.DefaultPeriodAsync(boards.Select(b => b.Template), ct);
        var templates = (await dispatch.TemplatesAsync(ct)).ToDictionary(t => t.Code);
        var missing = new List<FormLine>();
        var review = new List<FormLine>();
        foreach (var (parent, template, name) in boards)
        {
            foreach (var day in templates[template].CutoffDays)
            {
                var status = await dispatch.StatusAsync(parent, template, period, day, ct);
                foreach (var row in status.Value ?? [])
                {
                    var line = new FormLine(parent, template, name, day, period, row.Unit.Code, row.Unit.Name, row.Status, row.Late, row.FormId);
                    if (FormStanding.Owes(row.Status))
                    {
                        missing.Add(line);
                    }
                    else if (row.Status == BoardStatus.Submitted)
                    {
                        review.Add(line);
                    }
                }
            }
        }

        return new MonthSection(
            [new MonthTag("未报/退回", missing.Count, Urgent: true), new MonthTag("待审核", review.Count, Urgent: false)],
            typeof(DispatchMonthSection), new Forms(period, missing, review));
    }
}
