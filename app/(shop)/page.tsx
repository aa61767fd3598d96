export default function HomePage() {
  return <h1 className="p-8 text-2xl">Stockroom</h1>;
}
