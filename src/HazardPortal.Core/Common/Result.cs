namespace HazardPortal.Core.Common;

public enum ErrorKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
    Locked,
    Unauthorized,
    TooManyRequests,
    Unprocessable,
}

/// <summary>An expected failure: a Chinese title a user can act on and, for invalid input, field errors.</summary>
public sealed record Error(ErrorKind Kind, string Title, IReadOnlyDictionary<string, string[]>? Fields = null)
{
    public static Error NotFound(string what = "记录") => new(ErrorKind.NotFound, $"{what}不存在或不在您的管辖范围内");

    public static Error Forbidden(string title = "您的角色无权执行此操作") => new(ErrorKind.Forbidden, title);

    public static Error Conflict(string title) => new(ErrorKind.Conflict, title);

    public static Error TooMany(string title) => new(ErrorKind.TooManyRequests, title);

    /// <summary>A well-formed request that cannot be done as asked (an Idempotency-Key reused for a different body).</summary>
    public static Error Unprocessable(string title) => new(ErrorKind.Unprocessable, title);

    public static Error Invalid(string field, string message) =>
        new(ErrorKind.Invalid, "提交的内容有误，请按提示修改", new Dictionary<string, string[]> { [field] = [message] });

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        new(ErrorKind.Invalid, "提交的内容有误，请按提示修改", fields);

    /// <summary>All messages, for a page that shows one block of errors.</summary>
    public IEnumerable<string> Messages => Fields is null ? [Title] : Fields.SelectMany(f => f.Value);
}

/// <summary>The outcome of a handler: a value or an expected <see cref="Error"/>. Exceptions are for bugs.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
