using FluentValidation;

namespace HazardPortal.Core.Common;

public static class Validation
{
    /// <summary>Runs a validator and turns its failures into an <see cref="Error"/> keyed by camelCase field.</summary>
    public static async Task<Error?> CheckAsync<T>(IValidator<T> validator, T command, CancellationToken ct = default)
    {
        var result = await validator.ValidateAsync(command, ct);
        if (result.IsValid)
        {
            return null;
        }

        var fields = result.Errors
            .GroupBy(e => CamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return Error.Invalid(fields);
    }

    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
