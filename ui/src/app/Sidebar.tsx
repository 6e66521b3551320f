import { VIEWS, type ViewId } from "./views";

interface SidebarProps {
  current: ViewId;
  onSelect: (view: ViewId) => void;
}

export function Sidebar({ current, onSelect }: SidebarProps) {
  return (
    <nav aria-label="Main" className="flex w-52 shrink-0 flex-col border-r border-line bg-sidebar">
      <div className="flex items-center gap-2.5 px-5 pt-5 pb-6">
        <span
          aria-hidden
          className="grid h-7 w-7 grid-cols-3 grid-rows-2 gap-[2px] rounded-md bg-accent p-[5px]"
        >
          <span className="col-span-2 row-span-2 rounded-[2px] bg-accent-fg" />
          <span className="rounded-[2px] bg-accent-fg/70" />
          <span className="rounded-[2px] bg-accent-fg/70" />
        </span>
        <span className="text-[15px] font-semibold tracking-tight">Mixdeck</span>
      </div>
      <ul className="flex flex-col gap-0.5 px-2.5">
        {VIEWS.map(({ id, label, icon: Icon }) => {
          const active = id === current;
          return (
            <li key={id}>
              <button
                type="button"
                data-testid={`nav-${id}`}
                aria-current={active ? "page" : undefined}
                onClick={() => onSelect(id)}
                className={
                  "flex w-full items-center gap-3 rounded-md px-3 py-2 text-left transition-colors " +
                  (active
                    ? "bg-accent-soft font-medium text-accent"
                    : "text-fg/80 hover:bg-panel hover:text-fg")
                }
              >
                <Icon aria-hidden size={17} strokeWidth={active ? 2.2 : 1.8} />
                {label}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
