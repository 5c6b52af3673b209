/** A page that exists in the navigation but whose content is not built yet. */
export function Placeholder({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p className="muted">{children ?? 'This page is coming soon.'}</p>
    </section>
  );
}
