using HazardPortal.Core.Common;

namespace HazardPortal.Web.Infrastructure;

/// <summary>Turns expected failures into RFC 9457 ProblemDetails with a Chinese title.</summary>
public static class Problems
{
    public static IResult ToProblem(this Error error)
    {
        var status = error.Kind switch
        {
            ErrorKind.Invalid => StatusCodes.Status400BadRequest,
            ErrorKind.NotFound => StatusCodes.Status404NotFound,
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.Conflict => StatusCodes.Status409Conflict,
            ErrorKind.Locked => StatusCodes.Status423Locked,
            ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
            ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
            ErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status500InternalServerError,
        };
        return error.Fields is { Count: > 0 } fields
            ? Results.ValidationProblem(fields.ToDictionary(f => f.Key, f => f.Value), title: error.Title, statusCode: status)
            : Results.Problem(title: error.Title, statusCode: status);
    }

    public static IResult ToHttp<T>(this Result<T> result, Func<T, IResult>? onSuccess = null) =>
        result.Succeeded ? (onSuccess ?? (v => Results.Ok(v)))(result.Value!) : result.Error!.ToProblem();

    public static IResult ToCreated<T>(this Result<T> result, Func<T, string> location) =>
        result.Succeeded ? Results.Created(location(result.Value!), result.Value) : result.Error!.ToProblem();
}
