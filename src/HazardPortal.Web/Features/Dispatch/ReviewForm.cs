using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use case: the issuer returns a submitted form with a reason, or accepts it.</summary>
public sealed partial class DispatchService
{
    public sealed record ReturnCommand(string? Reason);

    public Task<Result<FormDto>> ReturnAsync(Guid id, ReturnCommand command, CancellationToken ct = default) =>
        ReviewAsync(id, accept: false, command.Reason, ct);

    public Task<Result<FormDto>> AcceptAsync(Guid id, CancellationToken ct = default) =>
        ReviewAsync(id, accept: true, null, ct);

    private async Task<Result<FormDto>> ReviewAsync(Guid id, bool accept, string? reason, CancellationToken ct)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await LoadAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;
        if (p.OwedTo is null || CanReview(p.OwedTo) is not null)
        {
            return Error.Forbidden("只有下发单位可以审核调度表");
        }

        if (form.Status != FormStatus.Submitted)
        {
            return Error.Conflict(form.Status == FormStatus.Accepted ? "调度表已通过审核" : "调度表尚未上报，不能审核");
        }

        var submission = await db.FormSubmissions.SingleAsync(s => s.FormId == form.Id && s.Revision == form.Revision, ct);
        if (form.Review(submission, accept, reason, clock.GetUtcNow(), portalDb.Scope.DisplayName) is { } refused)
        {
            return refused;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("调度表刚被他人处理，请刷新");
        }

        return await ToDtoAsync(db, form, p, ct);
    }
}
