using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use cases: the records behind a number (drill-down) and a form's submission history.</summary>
public sealed partial class DispatchService
{
    /// <summary>The records behind a computed value of the form (the same definitions as the computation).</summary>
    public async Task<Result<List<MetricRecord>>> RecordsAsync(Guid id, string key, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (_, p) = loaded.Value;
        // A manual-only cell has no records behind it.
        if (!p.Template.Cells().Any(c => c.Cell.Key == key && !c.Cell.Manual))
        {
            return Error.NotFound("调度项");
        }

        if (p.Template.Layout == TemplateLayout.Matrix)
        {
            return await SectorMatrixComputer.RecordsAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, MonthStart(p), key, ct) ?? [];
        }

        return await MetricRecords.ListAsync(db, Subject(p), p.Days.Start, p.Days.AsOf, key, ct);
    }

    public sealed record SubmissionDto(
        int Revision, DateTimeOffset SubmittedAt, string SubmittedBy, bool Late, FormStatus Status, string? ReturnReason, DateTimeOffset? ReviewedAt,
        string? ReviewedBy, IReadOnlyList<SnapshotCell> Cells, IReadOnlyDictionary<string, string> WarningReasons);

    public async Task<Result<List<SubmissionDto>>> HistoryAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var submissions = await db.FormSubmissions.AsNoTracking().Where(s => s.FormId == id).OrderByDescending(s => s.Revision).ToListAsync(ct);
        return submissions.Select(s => new SubmissionDto(s.Revision, s.SubmittedAt, s.SubmittedBy, s.Late, s.Status, s.ReturnReason, s.ReviewedAt, s.ReviewedBy, s.Cells, s.WarningReasons)).ToList();
    }
}
