using Dashboard.Domain.Business;
using Dashboard.Domain.Common;
using Dashboard.Domain.Offers;
using Dashboard.Domain.Customers;
using Dashboard.Domain.Deliveries;
using Dashboard.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Domain.Orders;

/// <summary>
/// One-off orders: placed by a customer (for themselves) or staff (for anyone), confirmed and assigned by staff, taken
/// out and delivered by the assigned agent, cancelled with a reason. Every move is one write with a timeline step, an
/// activity row and its events; a delivered order is billed (see <see cref="Billing"/>).
/// </summary>
public sealed class OrderService(DomainWriter writer, BusinessClock clock)
{
    public const int MaxItems = 50;
    public const decimal MaxQuantity = 1000m;

    public Task<Order> PlaceAsync(Actor actor, PlaceOrder command, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.PlaceOrders);
        var customerId = command.CustomerId;
        if (access == Access.Own)
        {
            if (customerId is { } asked && asked != actor.CustomerId)
            {
                throw DomainException.Forbidden("You may only order for yourself.");
            }

            customerId = actor.CustomerId ?? throw DomainException.Forbidden("Your account is not linked to a customer.");
        }

        var v = new Validation();
        v.Required("customerId", customerId);
        var date = command.DeliveryDate ?? clock.Today.AddDays(1);
        if (date < clock.Today)
        {
            v.Add("deliveryDate", "Delivery date cannot be in the past.");
        }

        v.WritableDay("deliveryDate", date, clock, DeliveryService.MaxDaysAhead);
        var note = v.Text("note", command.Note, 500, required: false, multiline: true);
        var lines = ValidLines(v, command.Items);
        v.ThrowIfInvalid();

        return writer.WriteAsync(actor, async scope =>
        {
            await BusinessService.EnsureOpenForAsync(scope, access, ct);
            var customer = await scope.Db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, ct)
                ?? throw DomainException.NotFound("Customer", customerId!.Value);
            if (!customer.IsActive)
            {
                new Validation().Add("customerId", $"Customer {customer.Name} is inactive.").ThrowIfInvalid();
            }

            var ids = lines.Select(l => l.ProductId).ToList();
            var products = await scope.Db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var refused = new Validation();
            for (var i = 0; i < lines.Count; i++)
            {
                if (!products.TryGetValue(lines[i].ProductId, out var product))
                {
                    refused.Add($"items[{i}].productId", $"Product {lines[i].ProductId} does not exist.");
                }
                else if (!product.IsActive)
                {
                    refused.Add($"items[{i}].productId", $"{product.Name} is no longer sold.");
                }
            }

            refused.ThrowIfInvalid();
            var number = (await scope.Db.Orders.MaxAsync(o => (int?)o.Number, ct) ?? 1000) + 1;
            var entity = new OrderEntity
            {
                Id = Guid.CreateVersion7(),
                Number = number,
                CustomerId = customer.Id,
                Customer = customer,
                Status = OrderStatus.Placed,
                DeliveryDate = date,
                Note = string.IsNullOrEmpty(note) ? null : note,
                CreatedAt = scope.Now,
                UpdatedAt = scope.Now,
                Version = 1,
            };
            foreach (var (line, position) in lines.Select((l, i) => (l, i)))
            {
                var product = products[line.ProductId];
                entity.Items.Add(new OrderItemEntity
                {
                    Id = Guid.CreateVersion7(),
                    ProductId = product.Id,
                    ProductName = product.Name,
                    Unit = product.Unit,
                    Quantity = line.Quantity,
                    UnitPrice = product.Price,
                    Amount = Money.Round(line.Quantity * product.Price),
                    Position = position,
                });
            }

            var subtotal = entity.Items.Sum(i => i.Amount);
            if (!string.IsNullOrWhiteSpace(command.OfferCode))
            {
                var (offer, discount) = await OfferService.ApplyAsync(scope, command.OfferCode, subtotal, ct);
                (entity.OfferCode, entity.Discount) = (offer.Code, discount);
            }

            entity.Total = subtotal - entity.Discount;
            entity.Steps.Add(Step(scope, OrderStatus.Placed, null));
            scope.Db.Orders.Add(entity);
            await scope.Db.SaveChangesAsync(ct);
            var order = await ModelAsync(scope.Db, entity, ct);
            scope.Raise(new OrderPlaced(order));
            scope.Log("order.placed", "order", entity.Id,
                $"Order #{order.Number} for {customer.Name}: {Describe(order.Items)} ({scope.Words.Money(order.Total)}) for {scope.Words.Date(order.DeliveryDate)}",
                customer.Id, after: order);
            return order;
        }, ct);
    }

    public Task<Order> ConfirmAsync(Actor actor, Guid id, OrderTransition command, CancellationToken ct = default) =>
        MoveAsync(actor, id, Operation.ManageOrders, command.Version, (_, order) =>
        {
            Expect(order, OrderStatus.Placed);
            return Task.FromResult(new Move(OrderStatus.Confirmed, $"Order #{order.Number} is confirmed.", null));
        }, ct);

    public Task<Order> AssignAsync(Actor actor, Guid id, AssignOrder command, CancellationToken ct = default)
    {
        Guard.Require(actor, Operation.ManageOrders);
        var v = new Validation();
        var agentId = v.Text("agentId", command.AgentId, 450, required: true);
        v.ThrowIfInvalid();
        return MoveAsync(actor, id, Operation.ManageOrders, command.Version, async (scope, order) =>
        {
            Expect(order, OrderStatus.Placed, OrderStatus.Confirmed);
            var agent = await AgentAsync(scope.Db, agentId!, ct);
            var previous = order.AgentId;
            order.AgentId = agent.Id;
            return new Move(order.Status, $"Order #{order.Number} is assigned to {agent.Name}.", $"assigned to {agent.Name}", previous);
        }, ct);
    }

    public Task<Order> OutForDeliveryAsync(Actor actor, Guid id, OrderTransition command, CancellationToken ct = default) =>
        MoveAsync(actor, id, Operation.DeliverOrders, command.Version, (_, order) =>
        {
            Expect(order, OrderStatus.Confirmed);
            if (order.AgentId is null)
            {
                throw DomainException.Conflict($"Order #{order.Number} has no agent yet; assign one first.");
            }

            return Task.FromResult(new Move(OrderStatus.OutForDelivery, $"Order #{order.Number} is on its way.", null));
        }, ct);

    public Task<Order> DeliverAsync(Actor actor, Guid id, OrderTransition command, CancellationToken ct = default) =>
        MoveAsync(actor, id, Operation.DeliverOrders, command.Version, (_, order) =>
        {
            Expect(order, OrderStatus.OutForDelivery);
            return Task.FromResult(new Move(OrderStatus.Delivered, $"Order #{order.Number} is delivered.", null));
        }, ct);

    public Task<Order> CancelAsync(Actor actor, Guid id, CancelOrder command, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.CancelOrders);
        var v = new Validation();
        var reason = v.Text("reason", command.Reason, 200, required: true);
        v.ThrowIfInvalid();
        return MoveAsync(actor, id, Operation.CancelOrders, command.Version, (_, order) =>
        {
            Expect(order, OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.OutForDelivery);
            if (access == Access.Own && order.Status == OrderStatus.OutForDelivery)
            {
                throw DomainException.Forbidden($"Order #{order.Number} is already on its way; call the office to cancel it.");
            }

            order.CancelReason = reason;
            return Task.FromResult(new Move(OrderStatus.Cancelled, $"Order #{order.Number} is cancelled: {reason}", reason));
        }, ct);
    }

    public Task<Order> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.ReadOrders);
        return writer.ReadAsync(async db =>
        {
            var entity = await Load(db.Orders.AsNoTracking()).FirstOrDefaultAsync(o => o.Id == id, ct)
                ?? throw DomainException.NotFound("Order", id);
            CheckScope(actor, access, entity);
            return await ModelAsync(db, entity, ct);
        }, ct);
    }

    /// <summary>Orders newest first; a customer's are their own, an agent's those assigned to them.</summary>
    public Task<OrderPage> ListAsync(Actor actor, OrderQuery query, CancellationToken ct = default)
    {
        var access = Guard.Require(actor, Operation.ReadOrders);
        var v = new Validation();
        v.ReadableDay("date", query.Date);
        var status = query.Status is null ? null : OrderStatuses.Parse(query.Status);
        if (query.Status is not null && status is null)
        {
            v.Add("status", "Status must be one of placed, confirmed, out_for_delivery, delivered, cancelled.");
        }

        if (query.Page < 1)
        {
            v.Add("page", "page must be 1 or more.");
        }

        if (query.PageSize is < 1 or > OrderQuery.MaxPageSize)
        {
            v.Add("pageSize", $"pageSize must be between 1 and {OrderQuery.MaxPageSize}.");
        }

        v.ThrowIfInvalid();
        var customerId = query.CustomerId;
        var agentId = query.AgentId;
        if (access == Access.Own)
        {
            if (customerId is { } asked && asked != actor.CustomerId)
            {
                throw DomainException.Forbidden("You may only see your own orders.");
            }

            customerId = actor.CustomerId ?? throw DomainException.Forbidden("Your account is not linked to a customer.");
        }
        else if (access == Access.Assigned)
        {
            if (agentId is not null && agentId != actor.UserId)
            {
                throw DomainException.Forbidden("You may only see the orders assigned to you.");
            }

            agentId = actor.UserId;
        }

        return writer.ReadAsync(async db =>
        {
            var q = db.Orders.AsNoTracking();
            q = query.Date is { } day ? q.Where(o => o.DeliveryDate == day) : q;
            q = status is { } s ? q.Where(o => o.Status == s) : q;
            q = customerId is { } c ? q.Where(o => o.CustomerId == c) : q;
            q = agentId is not null ? q.Where(o => o.AgentId == agentId) : q;
            var total = await q.CountAsync(ct);
            var page = await Load(q).OrderByDescending(o => o.Number).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
            var items = new List<Order>(page.Count);
            var agents = await AgentNamesAsync(db, page.Select(o => o.AgentId), ct);
            items.AddRange(page.Select(o => ToModel(o, agents)));
            return new OrderPage(items, total, query.Page, query.PageSize);
        }, ct);
    }

    private sealed record Move(OrderStatus To, string Message, string? Note, string? PreviousAgentId = null);

    private Task<Order> MoveAsync(Actor actor, Guid id, Operation operation, int? version,
        Func<WriteScope, OrderEntity, Task<Move>> decide, CancellationToken ct)
    {
        var access = Guard.Require(actor, operation);
        return writer.WriteAsync(actor, async scope =>
        {
            var entity = await Load(scope.Db.Orders).FirstOrDefaultAsync(o => o.Id == id, ct)
                ?? throw DomainException.NotFound("Order", id);
            CheckScope(actor, access, entity);
            if (version is { } expected && expected != entity.Version)
            {
                throw DomainException.Conflict($"Order #{entity.Number} was changed by someone else (version {entity.Version}); reload and try again.");
            }

            var before = await ModelAsync(scope.Db, entity, ct);
            var from = entity.Status;
            var move = await decide(scope, entity);
            entity.Status = move.To;
            entity.UpdatedAt = scope.Now;
            entity.Version++;
            entity.Steps.Add(Step(scope, move.To, move.Note));
            var agentChange = await FollowAgentAsync(scope, entity, from, move.To, ct);
            await scope.Db.SaveChangesAsync(ct);
            var order = await ModelAsync(scope.Db, entity, ct);
            if (move.To == from)
            {
                scope.Raise(new OrderAssigned(order, move.PreviousAgentId));
                scope.Log("order.assigned", "order", entity.Id, move.Message, entity.CustomerId, before, order);
            }
            else
            {
                scope.Raise(new OrderStatusChanged(order, from, move.Message));
                if (move.To == OrderStatus.Cancelled)
                {
                    scope.Raise(new OrderCancelled(order));
                }

                scope.Log("order." + OrderStatuses.Name(move.To), "order", entity.Id, move.Message, entity.CustomerId, before, order);
            }

            if (agentChange is not null)
            {
                scope.Raise(agentChange);
            }

            if (move.To == OrderStatus.Delivered)
            {
                scope.Raise(new BalanceChanged(await CustomerService.BalanceOf(scope.Db, entity.CustomerId, ct)));
            }

            return order;
        }, ct);
    }

    // The agent's status follows their order: on delivery when it goes out, available again when it is delivered or called off.
    private static async Task<Agents.AgentStatusChanged?> FollowAgentAsync(WriteScope scope, OrderEntity order, OrderStatus from, OrderStatus to,
        CancellationToken ct)
    {
        var leaving = from == OrderStatus.OutForDelivery && to is OrderStatus.Delivered or OrderStatus.Cancelled;
        if (order.AgentId is not { } agentId || (to != OrderStatus.OutForDelivery && !leaving) || from == to)
        {
            return null;
        }

        var name = (await AgentNamesAsync(scope.Db, [agentId], ct)).GetValueOrDefault(agentId, agentId);
        return await Agents.AgentService.FollowOrderAsync(scope.Db, agentId, name, leaving ? null : order.Id, scope.Now, ct);
    }

    private static void CheckScope(Actor actor, Access access, OrderEntity order)
    {
        if (access == Access.Own && order.CustomerId != actor.CustomerId)
        {
            throw DomainException.Forbidden("This is not your order.");
        }

        if (access == Access.Assigned && order.AgentId != actor.UserId)
        {
            throw DomainException.Forbidden("This order is not assigned to you.");
        }
    }

    private static void Expect(OrderEntity order, params OrderStatus[] allowed)
    {
        if (!allowed.Contains(order.Status))
        {
            throw DomainException.Conflict(
                $"Order #{order.Number} is {OrderStatuses.Name(order.Status)}: that is not possible now (only when {string.Join(" or ", allowed.Select(OrderStatuses.Name))}).");
        }
    }

    private static OrderStepEntity Step(WriteScope scope, OrderStatus status, string? note) => new()
    {
        Status = status,
        At = scope.Now,
        ByUserId = scope.Actor.UserId,
        ByName = scope.Actor.Name,
        Channel = scope.Actor.Channel,
        Note = note,
    };

    private static List<(Guid ProductId, decimal Quantity)> ValidLines(Validation v, IReadOnlyList<OrderLine?>? items)
    {
        if (items is null || items.Count == 0)
        {
            v.Add("items", "An order needs at least one item.");
            return [];
        }

        if (items.Count > MaxItems)
        {
            v.Add("items", $"An order has at most {MaxItems} items.");
            return [];
        }

        var lines = new List<(Guid ProductId, decimal Quantity)>();
        for (var i = 0; i < items.Count; i++)
        {
            var productId = v.Required($"items[{i}].productId", items[i]?.ProductId);
            var quantity = v.Required($"items[{i}].quantity", items[i]?.Quantity);
            v.Range($"items[{i}].quantity", quantity, 0, MaxQuantity, minExclusive: true);
            if (productId is { } p && quantity is { } q)
            {
                var same = lines.FindIndex(l => l.ProductId == p);
                if (same >= 0)
                {
                    lines[same] = (p, lines[same].Quantity + q);
                }
                else
                {
                    lines.Add((p, q));
                }
            }
        }

        return lines;
    }

    private static async Task<(string Id, string Name)> AgentAsync(DashboardDbContext db, string agentId, CancellationToken ct)
    {
        var agent = await Users.AgentRoutes.Agents(db).Where(u => u.Id == agentId)
            .Select(u => new { u.Id, u.DisplayName, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        if (agent is null || Users.UserRules.IsDisabled(agent.LockoutEnd))
        {
            new Validation().Add("agentId", "Agent must be an active delivery agent.").ThrowIfInvalid();
        }

        return (agent!.Id, agent.DisplayName);
    }

    private static IQueryable<OrderEntity> Load(IQueryable<OrderEntity> orders) =>
        orders.Include(o => o.Customer).Include(o => o.Items).Include(o => o.Steps);

    private static async Task<Dictionary<string, string>> AgentNamesAsync(DashboardDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static async Task<Order> ModelAsync(DashboardDbContext db, OrderEntity entity, CancellationToken ct) =>
        ToModel(entity, await AgentNamesAsync(db, [entity.AgentId], ct));

    private static Order ToModel(OrderEntity o, Dictionary<string, string> agents) => new(
        o.Id, o.Number, o.CustomerId, o.Customer?.Name ?? "", o.Customer?.Route, o.Status, o.DeliveryDate,
        [.. o.Items.OrderBy(i => i.Position).Select(i => new OrderItem(i.ProductId, i.ProductName, i.Unit, i.Quantity, i.UnitPrice, i.Amount))],
        o.Total, o.Paid, o.OfferCode, o.Discount, o.Note, o.AgentId, o.AgentId is { } a && agents.TryGetValue(a, out var name) ? name : null, o.CancelReason,
        [.. o.Steps.OrderBy(s => s.Id == 0 ? long.MaxValue : s.Id).ThenBy(s => s.At).Select(s => new OrderStep(s.Status, s.At, s.ByName, s.Channel, s.Note))],
        o.CreatedAt, o.UpdatedAt, o.Version);

    /// <summary>The items as a line for people: "Curd 500 g × 2, Paneer 200 g × 1".</summary>
    public static string Describe(IEnumerable<OrderItem> items) => Describe(items.Select(i => (i.ProductName, i.Quantity)));

    /// <summary>The same, for an order's stored lines (in their order).</summary>
    public static string Describe(IEnumerable<OrderItemEntity> items) =>
        Describe(items.OrderBy(i => i.Position).Select(i => (i.ProductName, i.Quantity)));

    private static string Describe(IEnumerable<(string Name, decimal Quantity)> lines) =>
        string.Join(", ", lines.Select(l => $"{l.Name} × {l.Quantity:0.###}"));
}
