using HazardPortal.Core;
using HazardPortal.Core.Data;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>A form as the page and the API show it: items with their computed and entered values, the children's sums, rates.</summary>
public sealed partial class DispatchService
{
    /// <param name="ChildrenSum">What the child units that have submitted reported, combined (Σ, or Σ÷Σ for a rate).</param>
    /// <param name="Mismatch">Whether that differs from what the records say for those same units now.</param>
    /// <param name="MismatchNote">The difference in words ("已上报的3个下级单位合计37，按台账计算这3个单位为35（相差2）").</param>
    public sealed record ItemDto(
        string Key, string Section, int No, string Label, string Unit, decimal Computed, decimal Value, string? OverrideReason,
        decimal? ChildrenSum, bool? Mismatch, decimal? DepartmentsSum, bool Manual = false, decimal? SubmittedComputed = null, string? MismatchNote = null);

    public sealed record FormDto(
        Guid Id, string Template, string TemplateName, string Title, string UnitCaption, string Unit, string UnitName, string Period, int Cutoff,
        DateOnly WindowStart, DateOnly AsOf, DateOnly DueOn, int DaysLeft, FormStatus Status, bool Late, int Revision, DateTimeOffset? SubmittedAt,
        string? SubmittedBy, string? ReturnReason, IReadOnlyList<ItemDto> Items, IReadOnlyList<ChildDto>? Children, IReadOnlyList<string>? MissingUnits,
        string? IssuerName, bool CanEdit, bool CanSubmit, bool CanReview, IReadOnlyList<string> Notes, IReadOnlyList<string> FooterLines, uint Version,
        TemplateLayout Layout = TemplateLayout.Sections, IReadOnlyList<RateDto>? Rates = null, int? ChildrenSubmitted = null, int? ChildrenOwing = null,
        BoardStatus Standing = BoardStatus.Draft)
    {
        /// <summary>The standing in words (未报, 填报中, 已上报, 已退回, 已通过), from the one place that names it.</summary>
        public string StandingText => FormStanding.Name(Standing);
    }

    /// <summary>A rate cell of a matrix (003 附件2): percentages with one decimal, null ("—") when the denominator is 0; Σ numerator ÷ Σ denominator.</summary>
    /// <param name="Row">The row as the seed writes it (a sector or a tag, or 累计总计/本月总计).</param>
    /// <param name="Label">The column as the seed writes it (管控率, 治理率, 整改率), with its group and <paramref name="Unit"/> (%).</param>
    public sealed record RateDto(string Key, decimal? Computed, decimal? Value, decimal? ChildrenSum, string Row = "", string Group = "", string Label = "", string Unit = "");

    private async Task<FormDto> ToDtoAsync(
        AppDbContext db, DispatchForm form, Placement p, CancellationToken ct, Dictionary<string, decimal>? computed = null, List<SnapshotCell>? frozen = null)
    {
        computed ??= await ComputeAsync(db, p, ct);
        Dictionary<string, SnapshotCell>? snapshot = null;
        if (form.IsFrozen)
        {
            snapshot = (frozen ?? await db.FormSubmissions.AsNoTracking().Where(s => s.FormId == form.Id && s.Revision == form.Revision).Select(s => s.Cells).SingleAsync(ct))
                .ToDictionary(c => c.Key);
        }

        List<ChildDto>? children = null;
        Dictionary<string, decimal>? childrenSum = null;
        Dictionary<string, decimal>? departmentsSum = null;
        Dictionary<string, decimal>? submittedComputed = null;
        var submittedCount = 0;
        if (p.Issues is not null && p.DepartmentId is null && CanReview(p.Issues) is null)
        {
            var rows = await ChildrenWithPathsAsync(db, p, ct);
            children = rows.Select(r => r.Child).ToList();
            submittedCount = rows.Count(r => r.Cells is not null && !r.Child.IsDepartment);

            // The comparison is with the children that have submitted only: what the records say for those same units
            // now, beside what they reported (the whole subtree's records include units that have not reported yet).
            if (submittedCount > 0)
            {
                var perChild = new List<Dictionary<string, decimal>>();
                foreach (var r in rows.Where(r => r.Cells is not null && !r.Child.IsDepartment))
                {
                    var subject = MetricSubject.Subtree(r.Path);
                    perChild.Add(p.Template.Layout == TemplateLayout.Matrix
                        ? await SectorMatrixComputer.ComputeAsync(db, subject, p.Days.Start, p.Days.AsOf, MonthStart(p), ct)
                        : await MetricComputer.ComputeAsync(db, subject, p.Days.Start, p.Days.AsOf, ct: ct));
                }

                submittedComputed = p.Template.Cells().Select(c => c.Cell.Key).Distinct().ToDictionary(
                    k => k,
                    k => Metrics.Find(k) is { } m ? Metrics.Combine(m, perChild.Select(c => c.GetValueOrDefault(k))) : perChild.Sum(c => c.GetValueOrDefault(k)));
            }
            var submitted = rows.Where(r => r.Cells is not null).Select(r => (r.Child.IsDepartment, Cells: r.Cells!.ToDictionary(c => c.Key, c => c.Value))).ToList();
            Dictionary<string, decimal> Sum(bool departments)
            {
                var mine = submitted.Where(s => s.IsDepartment == departments).Select(s => s.Cells).ToList();
                return p.Template.Cells().Select(c => c.Cell.Key).Distinct().ToDictionary(
                    k => k,
                    k => Metrics.Find(k) is { } m ? Metrics.Combine(m, mine.Select(c => c.GetValueOrDefault(k))) : mine.Sum(c => c.GetValueOrDefault(k)));
            }

            childrenSum = Sum(departments: false);
            departmentsSum = children.Any(c => c.IsDepartment) ? Sum(departments: true) : null;
        }

        var items = p.Template.Cells().Select(x =>
        {
            var key = x.Cell.Key;
            var live = computed.GetValueOrDefault(key);
            var entry = form.Entries.FirstOrDefault(e => e.Key == key);
            var value = snapshot?.GetValueOrDefault(key)?.Value ?? entry?.Value ?? live;
            var reason = snapshot?.GetValueOrDefault(key)?.OverrideReason ?? entry?.OverrideReason;
            var unit = x.Cell.Unit ?? Metrics.Find(key)?.Unit ?? string.Empty;
            decimal? sum = submittedCount > 0 ? childrenSum?.GetValueOrDefault(key) : null;
            decimal? theirs = submittedComputed?.GetValueOrDefault(key);
            var mismatch = sum is null || theirs is null || x.Cell.Manual ? (bool?)null : sum != theirs;
            var note = mismatch == true
                ? $"已上报的{submittedCount}个下级单位合计{FormChecks.Format(sum!.Value)}{unit}，按台账计算这{submittedCount}个单位为{FormChecks.Format(theirs!.Value)}{unit}（相差{FormChecks.Format(sum.Value - theirs.Value)}）"
                : null;
            return new ItemDto(
                key, x.Section.Name, x.Item.No, x.Item.Label, unit, live, value, reason, sum, mismatch, departmentsSum?.GetValueOrDefault(key),
                x.Cell.Manual, theirs, note);
        }).ToList();

        var today = ChinaTime.Today(clock);
        return new FormDto(
            form.Id, p.Template.Code, p.Template.Name, p.Template.Title, p.Template.UnitCaption, form.UnitKey, form.UnitName, form.Period, form.CutoffDay,
            p.Days.Start, p.Days.AsOf, p.Days.DueOn, p.Days.DaysLeft(today), form.Status, form.Late, form.Revision, form.SubmittedAt, form.SubmittedBy,
            form.ReturnReason, items, children, children?.Where(c => FormStanding.NeverFiled(c.Status)).Select(c => c.Name).ToList(), p.IssuerName,
            CanEdit: CanFill(p) is null && !form.IsFrozen,
            CanSubmit: CanFill(p) is null && !form.IsFrozen && p.OwedTo is not null,
            CanReview: p.OwedTo is not null && CanReview(p.OwedTo) is null && form.Status == FormStatus.Submitted,
            p.Template.Notes, p.Template.FooterLines, form.Version, p.Template.Layout,
            p.Template.Layout == TemplateLayout.Matrix ? MatrixRates(computed, items, childrenSum) : null,
            children is null ? null : submittedCount, children?.Count(c => !c.IsDepartment), FormStanding.Of(form.Status, form.Revision));
    }

    private static List<RateDto> MatrixRates(IReadOnlyDictionary<string, decimal> computed, IReadOnlyList<ItemDto> items, IReadOnlyDictionary<string, decimal>? childrenSum)
    {
        var live = SectorMatrix.Rates(computed);
        var reported = SectorMatrix.Rates(items.ToDictionary(i => i.Key, i => i.Value));
        var children = childrenSum is null ? null : SectorMatrix.Rates(childrenSum);
        return live.Select(r =>
        {
            // A rate's key is row:column; its words come from the matrix's own row and column (003 附件2).
            return SectorMatrix.TryParse(r.Key, out var row, out var column)
                ? new RateDto(r.Key, r.Value, reported[r.Key], children?[r.Key], row.Label, column.Group, column.Label, column.Unit)
                : throw new InvalidOperationException($"the matrix made a rate it does not define: {r.Key}");
        }).ToList();
    }
}
