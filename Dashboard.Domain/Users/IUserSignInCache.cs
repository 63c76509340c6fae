namespace Dashboard.Domain.Users;

/// <summary>
/// A cache of "may this user's sign-in go on" answers, told right after a user change commits and before the caller
/// gets its answer: a user disabled by an API call is refused on the very next request, not once the event arrives.
/// </summary>
public interface IUserSignInCache
{
    void Forget(string userId);
}
