import type { ReactNode } from "react";
import { SignOutButton } from "./sign-out-button";

/** One entry of a frame's menu: where it goes and what it says. */
export type NavLink = { href: string; label: ReactNode };

/** A frame's menu (inside its `<nav>`): a link for each entry in order, and the sign-out button last. */
export function NavList({ links }: { links: readonly NavLink[] }) {
  return (
    <ul className="nav">
      {links.map((link) => (
        <li key={link.href}>
          <a href={link.href}>{link.label}</a>
        </li>
      ))}
      <li>
        <SignOutButton />
      </li>
    </ul>
  );
}
