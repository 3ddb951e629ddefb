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

    /// <summary>Not an expected failure but a bug: a handler produced no outcome (a <c>default</c> result). Answered as 500.</summary>
    Internal,
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

    /// <summary>What a <c>default</c> result carries: no handler said success or failure, so it is neither (a bug, never silent).</summary>
    public static Error Unset { get; } = new(ErrorKind.Internal, "系统未能完成该操作（内部错误），请稍后重试或联系系统管理员");

    /// <summary>All messages, for a page that shows one block of errors.</summary>
    public IEnumerable<string> Messages => Fields is null ? [Title] : Fields.SelectMany(f => f.Value);
}

/// <summary>
/// The outcome of a handler: a value or an expected <see cref="Error"/>. Exceptions are for bugs. A <c>default</c>
/// result — one no handler made — is a failure (<see cref="Error.Unset"/>), never a silent success.
/// </summary>
public readonly record struct Result<T>
{
    private readonly Error? error;
    private readonly bool made;

    internal Result(T? value, Error? error)
    {
        Value = value;
        this.error = error;
        made = true;
    }

    public T? Value { get; }

    public Error? Error => made ? error : Error.Unset;

    public bool Succeeded => made && error is null;

    public static implicit operator Result<T>(T value) => new(value, null);


    public static implicit operator Result<T>(Error error) => new(default, error);
}

/// <summary>Results the implicit conversions cannot make.</summary>
public static class Result
{
    /// <summary>A success holding a value of an interface type (an async stream), which C# cannot convert implicitly.</summary>
    public static Result<T> Of<T>(T value) => new(value, null);
}
