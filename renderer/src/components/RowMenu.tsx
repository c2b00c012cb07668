// "More" for one row at narrow widths (a tray-sized window): the row keeps Join and End… in sight and puts
// Browser, Copy link and Copy ID here. A menu button: Enter/Space opens it, arrows move, Escape closes.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';

export interface MenuItem {
  label: string;
  /** An accessible name when the label alone is not enough (it names the meeting). */
  name: string;
  href?: string;
  disabled?: boolean;
  title?: string;
  onSelect: (e: MouseEvent) => void;
}

export function RowMenu({ label, items }: { label: string; items: MenuItem[] }): ComponentChildren {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    box.current?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
    const outside = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return close();
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const all = [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
  };
  return (
    <div class="row-menu narrow-only" ref={box} onKeyDown={onKey}>
      <button ref={button} type="button" class="btn icon" aria-haspopup="menu" aria-expanded={open} aria-label={label} onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <div role="menu" class="menu" aria-label={label}>
          {items.map((it) =>
            it.href ? (
              <a role="menuitem" class="menu-item" href={it.href} target="_blank" rel="noopener noreferrer" aria-label={it.name} onClick={(e) => (it.onSelect(e), setOpen(false))}>
                {it.label}
              </a>
            ) : (
              <button role="menuitem" type="button" class="menu-item" aria-label={it.name} aria-disabled={it.disabled} title={it.title} onClick={(e) => { if (!it.disabled) { it.onSelect(e); close(); } }}>
                {it.label}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
