using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use case: save what a unit typed (the row is created by the first save).</summary>
public sealed partial class DispatchService
{
    public sealed record EntryCommand(string Key, decimal? Value, string? OverrideReason);

    public sealed record SaveCommand(List<EntryCommand> Items, uint Version);

    public async Task<Result<FormDto>> SaveAsync(Guid id, SaveCommand command, CancellationToken ct = default)
    {
        await using var db = await ConnectAsync(ct);
        var loaded = await FillableAsync(db, id, ct);
        if (!loaded.Succeeded)
        {
            return loaded.Error!;
        }

        var (form, p) = loaded.Value;

        if (form.Version != command.Version)
        {
            return Error.Conflict("调度表已被他人修改，请刷新后再填");
        }

        var computed = await ComputeAsync(db, p, ct);
        var keys = p.Template.Cells().Select(c => c.Cell.Key).ToHashSet();
        var manual = p.Template.Cells().Where(c => c.Cell.Manual).Select(c => c.Cell.Key).ToHashSet();
        if (form.Save(command.Items.Select(i => new FormEntry { Key = i.Key, Value = i.Value, OverrideReason = i.OverrideReason }).ToList(), computed, keys, manual) is { } error)
        {
            return error;
        }

        if (db.Entry(form).State != EntityState.Added)
        {
            db.Entry(form).Property(f => f.Entries).IsModified = true;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            return Error.Conflict("调度表已被他人修改，请刷新后再填");
        }

        return await ToDtoAsync(db, form, p, ct, computed);
    }
}
