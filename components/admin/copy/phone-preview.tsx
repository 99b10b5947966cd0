/**
 * The guest splash at a phone's size (390×844 CSS pixels), framed from the staff-only
 * preview route, which renders with the guest page's own components and styles.
 */
export function PhonePreview({ src, title }: { src: string; title: string }) {
  return (
    <div className="w-fit rounded-[2rem] border-8 border-slate-800 bg-slate-800 shadow-lg">
      <iframe src={src} title={title} width={390} height={844} className="block rounded-[1.5rem] bg-white" />
    </div>
  );
}
