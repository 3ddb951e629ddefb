using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using HazardPortal.Core.Hazards;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use case: run the checks and submit the form to its issuer.</summary>
public sealed partial class DispatchService
{
    public sealed record SubmitCommand(uint Version, Dictionary<string, string>? WarningReasons);

    public sealed record SubmitOutcome(bool Submitted, FormDto? Form, IReadOnlyList<Finding> Errors, IReadOnlyList<Finding> Warnings);

    /// <summary>
    /// Submits: failed checks block (422 with the item and rule); a value lower than the last accepted
    /// one needs a reason; otherwise a snapshot is frozen as a new submission.
    /// </summary>
    public async Task<Result<SubmitOutcome>> SubmitAsync(Guid id, SubmitCommand command, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await FillableAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;

        if (p.OwedTo is null)
        {
            return Error.Conflict("本表为汇总表，无需向上级报送");
        }

        if (form.IsFrozen)
        {
            return Error.Conflict(form.Status == FormStatus.Accepted ? "调度表已通过审核" : "调度表已上报，待审核");
        }

        if (form.Version != command.Version)
        {
            return Error.Conflict("调度表已被他人修改，请刷新后再报");
        }

        var computed = await ComputeAsync(db, p, ct);
        var keys = p.Template.Cells().Select(c => c.Cell.Key).ToList();
        var values = form.Values(computed, keys);
        var errors = FormChecks.Errors(values);
        var lastAccepted = await LastAcceptedAsync(db, form, ct);
        var reasons = command.WarningReasons ?? [];
        var warnings = FormChecks.Warnings(values, lastAccepted);
        var unexplained = warnings.Where(w => string.IsNullOrWhiteSpace(reasons.GetValueOrDefault(w.Key))).ToList();
        if (errors.Count > 0 || unexplained.Count > 0)
        {
            return new SubmitOutcome(false, null, errors, warnings);
        }

        var submitted = form.Submit(
            keys.Select(k => new SnapshotCell { Key = k, Computed = computed.GetValueOrDefault(k), Value = values[k], OverrideReason = form.Entries.FirstOrDefault(e => e.Key == k)?.OverrideReason }).ToList(),
            warnings.ToDictionary(w => w.Key, w => reasons[w.Key].Trim()), clock.GetUtcNow(), portalDb.Scope.DisplayName, p.Days.IsLate(ChinaTime.Today(clock)));
        if (!submitted.Succeeded)
        {
            return submitted.Error!;
        }

        db.FormSubmissions.Add(submitted.Value!);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Error.Conflict("调度表已被他人上报或修改，请刷新");
        }

        return new SubmitOutcome(true, await ToDtoAsync(db, form, p, ct, computed, submitted.Value!.Cells), [], warnings);
    }
}
