using FluentValidation;
using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>Use case: save what a unit typed (the row is created by the first save).</summary>
public sealed partial class DispatchService
{
    public sealed record EntryCommand(string Key, decimal? Value, string? OverrideReason);

    public sealed record SaveCommand(List<EntryCommand> Items, uint Version);

    /// <summary>At the edge: the items present, each with its key; values within what a form can hold; reasons bounded.</summary>
    public sealed class SaveValidator : AbstractValidator<SaveCommand>
    {
        public SaveValidator()
        {
            RuleFor(c => c.Items).NotNull().WithMessage("请提交填写的项目（items）")
                .Must(i => i is null || i.Count <= 500).WithMessage("填写的项目不超过500项");
            RuleForEach(c => c.Items).NotNull().WithMessage("填写的项目不能为空").ChildRules(item =>
            {
                item.RuleFor(e => e.Key).NotEmpty().WithMessage("请指定项目代码").MaximumLength(64).WithMessage("项目代码过长");
                item.RuleFor(e => e.Value).InclusiveBetween(0m, 999_999_999_999m).When(e => e.Value is not null).WithMessage("数值应在0至999999999999之间");
                item.RuleFor(e => e.OverrideReason).MaximumLength(500).WithMessage("理由不超过500字");
            });
        }
    }

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
